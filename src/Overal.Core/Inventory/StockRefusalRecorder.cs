using Microsoft.Extensions.Logging;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// Writes a <see cref="StockRefusal"/> after the refused hold's transaction has rolled back. Best effort by design:
/// the refusal is the answer the client needs; a failed or slow bookkeeping write is logged and never turns the 409
/// into an error or holds it up for long.
/// </summary>
public sealed class StockRefusalRecorder(ILogger<StockRefusalRecorder> logger)
{
    /// <summary>How long the write may take before the 409 goes out without it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public async Task RecordAsync(SqlRunner sql, StockRefusal refusal, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Budget);
        try
        {
            await sql.ExecuteAsync(
                """
                INSERT INTO stock_refusals (id, channel_id, sku, location_id, requested, available, at)
                VALUES (@id, @channel, @sku, @location, @requested, @available, @at)
                """,
                budget.Token,
                ("@id", refusal.Id), ("@channel", refusal.ChannelId), ("@sku", refusal.Sku), ("@location", refusal.LocationId),
                ("@requested", refusal.Requested), ("@available", refusal.Available), ("@at", refusal.At.ToUnixTimeMilliseconds()));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not record the refused hold of {Requested} x {Sku} for {Channel}; the 409 stands, the Overview will miss it.",
                refusal.Requested, refusal.Sku, refusal.ChannelId);
        }
    }
}
