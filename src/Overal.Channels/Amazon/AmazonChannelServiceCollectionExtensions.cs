using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Amazon;

public static class AmazonChannelServiceCollectionExtensions
{
    public const string HttpClientName = "overal-amazon";

    /// <summary>
    /// Registers <see cref="AmazonAdapter"/> as a singleton <see cref="IChannelAdapter"/> (it owns the LWA token and the
    /// per-operation buckets) with options from <c>Channels:Amazon</c> and a named HttpClient with a timeout.
    /// </summary>
    public static IServiceCollection AddAmazonChannel(this IServiceCollection services, Action<AmazonAdapterOptions>? configure = null)
    {
        var options = services.AddOptions<AmazonAdapterOptions>().BindConfiguration(AmazonAdapterOptions.Section);
        if (configure is not null) options.Configure(configure);
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new AmazonAdapter(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<AmazonAdapterOptions>>().Value,
            sp.GetService<TimeProvider>()));
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<AmazonAdapter>());
        return services;
    }
}
