using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Amazon;

public sealed class AmazonAdapterComplianceTests(AmazonAdapterFixture fixture) : ChannelAdapterCompliance<AmazonAdapterFixture>(fixture);
