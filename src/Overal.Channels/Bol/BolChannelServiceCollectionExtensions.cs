using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Bol;

public static class BolChannelServiceCollectionExtensions
{
    public const string HttpClientName = "overal-bol";

    /// <summary>
    /// Registers <see cref="BolAdapter"/> as a singleton <see cref="IChannelAdapter"/> (it owns the token and offer-id
    /// caches, so one instance per process) with options from <c>Channels:Bol</c> and a named HttpClient with a timeout.
    /// </summary>
    public static IServiceCollection AddBolChannel(this IServiceCollection services, Action<BolAdapterOptions>? configure = null)
    {
        var options = services.AddOptions<BolAdapterOptions>().BindConfiguration(BolAdapterOptions.Section);
        if (configure is not null) options.Configure(configure);
        services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(sp => new BolAdapter(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<BolAdapterOptions>>().Value,
            sp.GetService<TimeProvider>()));
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<BolAdapter>());
        return services;
    }
}
