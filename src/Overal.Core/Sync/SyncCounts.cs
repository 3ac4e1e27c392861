using Microsoft.EntityFrameworkCore;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>How many of a channel's SKUs are in sync, pending, failed or dead-lettered.</summary>
public sealed record SyncCounts(int InSync, int Pending, int Failed, int Dead)
{
    public static readonly SyncCounts None = new(0, 0, 0, 0);

    /// <summary>Every channel's counts in one grouped query (channels without rows are absent: use <see cref="None"/>).</summary>
    public static async Task<IReadOnlyDictionary<string, SyncCounts>> PerChannelAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.SyncStates.AsNoTracking().GroupBy(s => new { s.ChannelId, s.Status })
            .Select(g => new { g.Key.ChannelId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        return counts.GroupBy(c => c.ChannelId).ToDictionary(g => g.Key, g =>
        {
            int Count(SyncStatus status) => g.Where(c => c.Status == status).Sum(c => c.Count);
            return new SyncCounts(Count(SyncStatus.InSync), Count(SyncStatus.Pending), Count(SyncStatus.Failed), Count(SyncStatus.Dead));
        });
    }
}
