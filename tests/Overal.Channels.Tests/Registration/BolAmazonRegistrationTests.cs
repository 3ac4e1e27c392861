using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;
using Overal.Channels.Amazon;
using Overal.Channels.Bol;

namespace Overal.Channels.Tests.Registration;

/// <summary>The hub wires bol and Amazon through their registration methods and the Channels:* configuration sections.</summary>
public sealed class BolAmazonRegistrationTests
{
    [Fact]
    public void Both_adapters_register_as_singletons_with_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:Bol:ClientId"] = "bol-id",
            ["Channels:Bol:BaseAddress"] = "http://127.0.0.1:5090/bol/",
            ["Channels:Amazon:SellerId"] = "A2SELLER",
            ["Channels:Amazon:MarketplaceIds:0"] = "AMEN7PMS3EDWL",
            ["Channels:Amazon:FeedThreshold"] = "50",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddBolChannel().AddAmazonChannel(o => o.ProductType = "SHIRT");
        using var provider = services.BuildServiceProvider();

        var adapters = provider.GetServices<IChannelAdapter>().ToList();
        Assert.Equal(["amazon", "bol"], adapters.Select(a => a.ChannelId).Order());
        Assert.Same(provider.GetRequiredService<BolAdapter>(), adapters.OfType<BolAdapter>().Single());
        Assert.Equal("bol-id", provider.GetRequiredService<IOptions<BolAdapterOptions>>().Value.ClientId);
        var amazon = provider.GetRequiredService<IOptions<AmazonAdapterOptions>>().Value;
        Assert.Equal(["AMEN7PMS3EDWL"], amazon.MarketplaceIds);
        Assert.Equal((50, "SHIRT", "A2SELLER"), (amazon.FeedThreshold, amazon.ProductType, amazon.SellerId));
    }
}
