using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.B2B;

public sealed class B2bAdapterComplianceTests(B2bAdapterFixture fixture) : ChannelAdapterCompliance<B2bAdapterFixture>(fixture);
