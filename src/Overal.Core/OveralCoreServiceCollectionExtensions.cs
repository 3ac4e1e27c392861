using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Channels;
using Overal.Core.Inventory;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Core.Seeding;
using Overal.Core.Sync;

namespace Overal.Core;

public static class OveralCoreServiceCollectionExtensions
{
    public static IServiceCollection AddOveralCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHubDatabase(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelRuleBook>();
        services.AddSingleton<SyncWakeup>();
        services.AddSingleton<DesiredStateWriter>();
        services.AddSingleton<StockTransactions>();
        services.AddScoped<StockLedger>();
        services.AddScoped<ReservationBook>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<HoldExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldExpirySweeper>());
        services.AddOveralOrders(configuration);
        return services;
    }
}
