using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Overal.Core.Idempotency;
using Overal.Core.Inventory;
using Overal.Core.Messaging;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Core.Seeding;
using Overal.Core.Sync;

namespace Overal.Core;

public static class OveralCoreServiceCollectionExtensions
{
    public static IServiceCollection AddOveralCore(this IServiceCollection services)
    {
        services.AddHubDatabase();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelRuleBook>();
        services.AddSingleton<SyncWakeup>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Sync").Get<SyncOptions>() ?? new SyncOptions());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Outbox>();
        services.TryAddSingleton<IEventBus, InProcessEventBus>();
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<ChannelHealthBoard>();
        services.AddSingleton<PropagationLatency>();
        services.AddSingleton<EanLookup>();
        services.AddSingleton<SyncDispatcherHost>();
        services.AddHostedService(sp => sp.GetRequiredService<SyncDispatcherHost>());
        services.AddSingleton<Reconciler>();
        services.AddSingleton<DeadLetterReplayer>();
        services.AddHostedService<ReconciliationScheduler>();
        services.AddSingleton<DesiredStateWriter>();
        services.AddSingleton<StockTransactions>();
        services.AddScoped<IdempotentRequest>();
        services.AddScoped<StockLedger>();
        services.AddScoped<ReservationBook>();
        services.AddSingleton<StockRefusalRecorder>();
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<HoldExpirySweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldExpirySweeper>());
        services.AddOveralOrders();
        return services;
    }
}
