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
    private readonly List<SqlStatement> _deferred = [];
    private readonly List<IUnitOfWorkPart> _parts = [];

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
            // SaveChanges inside this transaction would wrap itself in a savepoint (two more round trips); a failure
            // rolls the whole unit back anyway.
            db.Database.AutoSavepointsEnabled = false;
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
    /// Locks several SKUs, always in ordinal order: two transactions that take the same SKUs in different orders
    /// would otherwise deadlock on PostgreSQL.
    /// </summary>
    public async Task LockSkusAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        foreach (var sku in skus.Distinct().Order(StringComparer.Ordinal)) await LockSkuAsync(sku, cancellationToken);
    }

    /// <summary>
    /// Queues a write to be sent with the commit's batch (one round trip for all of them). Only for statements whose
    /// effect nothing later in the unit reads and that do not change stock levels or sync rows (e.g. inserting the
    /// reservation row itself): the desired channel numbers are computed before they run.
    /// </summary>
    public void Defer(SqlStatement statement) => _deferred.Add(statement);

    /// <summary>The unit's instance of a feature part, created on first use; its writes join the commit's batch.</summary>
    public T Part<T>() where T : class, IUnitOfWorkPart, new()
    {
        foreach (var part in _parts)
        {
            if (part is T found) return found;
        }
        var created = new T();
        _parts.Add(created);
        return created;
    }

    /// <summary>
    /// Recomputes the desired channel numbers of every SKU touched, sends the deferred writes, the sync-row writes
    /// and a <see cref="StockChanged"/> outbox row per SKU (plus the writes of any <see cref="IUnitOfWorkPart"/>) as one
    /// batch, then commits and wakes the dispatchers and the outbox relay.
    /// </summary>
    public async Task CommitAsync(DateTimeOffset originAt, CancellationToken cancellationToken)
    {
        var writes = new List<SqlStatement>(_deferred);
        foreach (var sku in _touchedSkus)
        {
            var plan = await _desired.PlanAsync(Sql, sku, originAt, cancellationToken);
            _dirtyChannels.AddRange(plan.ChangedChannels);
            writes.AddRange(plan.Writes);
            writes.Add(Outbox.Insert(new StockChanged(sku, plan.ChangedChannels) { OccurredAt = originAt }));
        }
        foreach (var part in _parts) writes.AddRange(await part.CommitWritesAsync(this, cancellationToken));
        await Sql.ExecuteBatchAsync(writes, cancellationToken);
        _deferred.Clear();
        await _transaction.CommitAsync(cancellationToken);
        _gate.Dispose();
        _wakeup.WakeAll(_dirtyChannels.Distinct());
        _outbox.Committed();
    }

    /// <summary>
    /// Rolls the transaction back now but keeps the write gate until disposal, so a caller can still write something
    /// that must outlive the rollback (e.g. a <see cref="StockRefusal"/>) on the same connection without queueing again.
    /// </summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        await _transaction.RollbackAsync(cancellationToken);
        _deferred.Clear();
        _touchedSkus.Clear();
        _db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        _db.ChangeTracker.Clear();
        _db.Database.AutoSavepointsEnabled = true;
        _gate.Dispose();
    }
}
