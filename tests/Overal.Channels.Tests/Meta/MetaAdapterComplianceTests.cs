using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Meta;

public sealed class InstagramAdapterComplianceTests(InstagramAdapterFixture fixture) : ChannelAdapterCompliance<InstagramAdapterFixture>(fixture);

public sealed class FacebookAdapterComplianceTests(FacebookAdapterFixture fixture) : ChannelAdapterCompliance<FacebookAdapterFixture>(fixture);
