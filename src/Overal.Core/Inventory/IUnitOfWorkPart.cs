using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// A feature's own state within one <see cref="StockUnitOfWork"/> that adds writes to the commit's batch (e.g. the
/// orders' outbox rows), so they commit with everything else without the unit knowing the feature.
/// </summary>
public interface IUnitOfWorkPart
{
    /// <summary>Called once at commit, after the caller's own writes were sent and before the batch; may read inside the transaction.</summary>
    Task<IReadOnlyList<SqlStatement>> CommitWritesAsync(StockUnitOfWork uow, CancellationToken cancellationToken);
}
