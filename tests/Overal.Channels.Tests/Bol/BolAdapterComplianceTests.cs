using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Bol;

public sealed class BolAdapterComplianceTests(BolAdapterFixture fixture) : ChannelAdapterCompliance<BolAdapterFixture>(fixture);
