using Overal.Channels.Tests.Compliance;

namespace Overal.Channels.Tests.Shopify;

public sealed class ShopifyAdapterComplianceTests(ShopifyAdapterFixture fixture) : ChannelAdapterCompliance<ShopifyAdapterFixture>(fixture);
