using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Lightspeed;

public sealed class LightspeedAdapterComplianceTests(LightspeedAdapterFixture fixture) : ChannelAdapterCompliance<LightspeedAdapterFixture>(fixture);
