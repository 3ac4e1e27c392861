using Overal.Core.Channels;
using Overal.Core.Inventory;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>
/// In the transaction of a stock change (with the SKU locked): recomputes what every syncing channel should show
/// for the SKU and marks the rows whose value changed dirty, stamped with the change's origin time.
/// </summary>
public sealed class DesiredStateWriter(ChannelRuleBook rules)
{
    /// <summary>
    /// Reads the SKU's levels and sync rows (one round trip) and returns the writes that bring the rows up to date,
    /// so the caller can send them in one batch with its own last statements.
    /// </summary>
    public async Task<DesiredStatePlan> PlanAsync(SqlRunner sql, string sku, DateTimeOffset originAt, CancellationToken cancellationToken)
    {
        var levels = new List<StockLevel>();
        var held = new List<HeldUnits>();
        var current = new Dictionary<string, int>();
        await sql.ReadAsync(
            $"{StockQueries.LevelsSql}; {StockQueries.HeldSql}; SELECT channel_id, desired FROM channel_sync_states WHERE sku = @sku",
            async (r, ct) =>
            {
                while (await r.ReadAsync(ct)) levels.Add(StockQueries.MapLevel(sku, r));
                await r.NextResultAsync(ct);
                while (await r.ReadAsync(ct)) held.Add(StockQueries.MapHeld(r));
                await r.NextResultAsync(ct);
                while (await r.ReadAsync(ct)) current[r.GetString(0)] = r.GetInt32(1);
            },
            cancellationToken, ("@sku", sku));

        var changed = new List<string>();
        var writes = new List<SqlStatement>();
        foreach (var rule in await rules.GetAsync(cancellationToken))
        {
            if (!rule.SyncsStock) continue;
            var desired = AvailabilityCalculator.Available(rule, levels, held);
            if (current.TryGetValue(rule.ChannelId, out var was))
            {
                if (was == desired) continue;
                writes.Add(new SqlStatement(
                    """
                    UPDATE channel_sync_states
                    SET desired = @desired, origin_at = @origin, version = version + 1, attempts = 0, next_attempt_at = NULL,
                        dirty = CASE WHEN confirmed IS NULL OR confirmed <> @desired THEN @true ELSE @false END,
                        status = CASE WHEN confirmed IS NULL OR confirmed <> @desired THEN 'Pending' ELSE 'InSync' END
                    WHERE sku = @sku AND channel_id = @channel
                    """,
                    ("@desired", desired), ("@origin", originAt.ToUnixTimeMilliseconds()), ("@true", true), ("@false", false),
                    ("@sku", sku), ("@channel", rule.ChannelId)));
            }
            else
            {
                writes.Add(new SqlStatement(
                    """
                    INSERT INTO channel_sync_states (sku, channel_id, desired, confirmed, dirty, status, origin_at, attempts, version)
                    VALUES (@sku, @channel, @desired, NULL, @true, 'Pending', @origin, 0, 1)
                    ON CONFLICT (sku, channel_id) DO NOTHING
                    """,
                    ("@sku", sku), ("@channel", rule.ChannelId), ("@desired", desired), ("@true", true), ("@origin", originAt.ToUnixTimeMilliseconds())));
            }
            changed.Add(rule.ChannelId);
        }
        return new DesiredStatePlan(changed, writes);
    }
}
