using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Overal.Core.Errors;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;
using Overal.Core.Persistence;
using Overal.Core.Sync;

namespace Overal.Core.Inventory;

/// <summary>
/// One stock-changing transaction. It first locks the SKU (one conditional UPDATE of its variant row), so every
/// change to a SKU's stock, and the desired channel numbers computed from it, are serialised per SKU on any
/// number of hub processes; the conditional statements inside still guard every unit on their own.
/// Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class StockUnitOfWork : IAsyncDisposable
{
    private readonly HubDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly IDisposable _gate;
    private readonly DesiredStateWriter _desired;
    private readonly SyncWakeup _wakeup;
    private readonly Outbox _outbox;
    private readonly HashSet<string> _touchedSkus = [];
    private readonly List<string> _dirtyChannels = [];

    private StockUnitOfWork(HubDbContext db, IDbContextTransaction transaction, IDisposable gate, DesiredStateWriter desired, SyncWakeup wakeup, Outbox outbox)
    {
        _outbox = outbox;
        _db = db;
        _transaction = transaction;
        _gate = gate;
        _desired = desired;
        _wakeup = wakeup;
        Sql = new SqlRunner(db);
    }

    public SqlRunner Sql { get; }

    public HubDbContext Db => _db;

    public static async Task<StockUnitOfWork> BeginAsync(HubDbContext db, WriteGate gate, DesiredStateWriter desired, SyncWakeup wakeup, Outbox outbox, CancellationToken cancellationToken)
    {
        var entered = await gate.EnterAsync(cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return new StockUnitOfWork(db, transaction, entered, desired, wakeup, outbox);
        }
        catch
        {
            entered.Dispose();
            throw;
        }
    }

    /// <summary>Locks the SKU for the rest of the transaction; 404 when it does not exist.</summary>
    public async Task LockSkuAsync(string sku, CancellationToken cancellationToken)
    {
        if (_touchedSkus.Contains(sku)) return;
        var rows = await Sql.ExecuteAsync(
            "UPDATE variants SET stock_version = stock_version + 1 WHERE sku = @sku", cancellationToken, ("@sku", sku));
        if (rows == 0) throw HubException.NotFound($"SKU '{sku}' does not exist.");
        _touchedSkus.Add(sku);
    }

    /// <summary>
    /// Recomputes the desired channel numbers of every SKU touched and records a <see cref="StockChanged"/> event,
    /// then commits and wakes the dispatchers and the outbox relay.
    /// </summary>
    public async Task CommitAsync(DateTimeOffset originAt, CancellationToken cancellationToken)
    {
        foreach (var sku in _touchedSkus)
        {
            var changed = await _desired.RecomputeAsync(Sql, sku, originAt, cancellationToken);
            _dirtyChannels.AddRange(changed);
            await _outbox.AddAsync(Sql, new StockChanged(sku, changed) { OccurredAt = originAt }, cancellationToken);
        }
        await _transaction.CommitAsync(cancellationToken);
        _gate.Dispose();
        _wakeup.WakeAll(_dirtyChannels.Distinct());
        _outbox.Committed();
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        _db.ChangeTracker.Clear();
        _gate.Dispose();
    }
}
