using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Zalando;

public static class ZalandoChannelServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Zalando adapter as a singleton <see cref="IChannelAdapter"/> (it owns the token and the rate
    /// budget, so there must be one per process) with its HttpClient. Options come from <c>Channels:Zalando</c>
    /// when <paramref name="configuration"/> is given, then from <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddZalandoChannel(
        this IServiceCollection services, IConfiguration? configuration = null, Action<ZalandoOptions>? configure = null)
    {
        var options = services.AddOptions<ZalandoOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(ZalandoOptions.Section));
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ZalandoAdapter.HttpClientName, (sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<ZalandoOptions>>().Value;
            http.BaseAddress = o.BaseAddress;
            http.Timeout = o.RequestTimeout;
        });
        services.AddSingleton<ZalandoAdapter>();
        services.AddSingleton<IChannelAdapter>(sp => sp.GetRequiredService<ZalandoAdapter>());
        return services;
    }
}
