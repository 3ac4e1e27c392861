using Overal.Core.Messaging;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Core.Inventory;

/// <summary>Opens stock transactions with the hub's gate, desired-state writer and dispatcher wake-up.</summary>
public sealed class StockTransactions(WriteGate gate, DesiredStateWriter desired, SyncWakeup wakeup, Outbox outbox)
{
    public Task<StockUnitOfWork> BeginAsync(HubDbContext db, CancellationToken cancellationToken) =>
        StockUnitOfWork.BeginAsync(db, gate, desired, wakeup, outbox, cancellationToken);
}
