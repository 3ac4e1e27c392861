using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Zalando;

public sealed class ZalandoAdapterComplianceTests(ZalandoAdapterFixture fixture) : ChannelAdapterCompliance<ZalandoAdapterFixture>(fixture);
