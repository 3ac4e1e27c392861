using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Overal.Core.Orders;

public static class OrdersServiceCollectionExtensions
{
    /// <summary>Order intake, sourcing, lifecycle, returns, promise, the channel action dispatcher and the order poller.</summary>
    public static IServiceCollection AddOveralOrders(this IServiceCollection services)
    {
        services.AddOptions<OrdersOptions>().BindConfiguration(OrdersOptions.Section);
        services.AddMetrics();
        services.AddSingleton<OrderMetrics>();
        services.AddSingleton<ChannelActionWakeup>();
        services.AddScoped<OrderAllocator>();
        services.AddScoped<OrderIntake>();
        services.AddScoped<OrderAttentionResolver>();
        services.AddScoped<OrderLifecycle>();
        services.AddScoped<OrderReturns>();
        services.AddScoped<DeliveryPromise>();
        services.AddSingleton<ChannelActionDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelActionDispatcher>());
        services.AddSingleton<OrderPollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<OrderPollingService>());
        return services;
    }
}
