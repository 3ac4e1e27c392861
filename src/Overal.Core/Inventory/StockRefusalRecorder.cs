using Microsoft.Extensions.Logging;
using Overal.Core.Persistence;

namespace Overal.Core.Inventory;

/// <summary>
/// Writes a <see cref="StockRefusal"/> after the refused hold's transaction has rolled back. The refusal is the
/// answer the client needs, so a failed bookkeeping write is logged and never turns the 409 into an error. The write
/// is not tied to the request: a client that hangs up once refused was still refused, and under load (hundreds of
/// holds racing for the last units) a short budget silently dropped refusals from the Overview's count.
/// </summary>
public sealed class StockRefusalRecorder(ILogger<StockRefusalRecorder> logger)
{
    /// <summary>Longest the write may take (a stuck database), after which the 409 goes out without it.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    public async Task RecordAsync(SqlRunner sql, StockRefusal refusal)
    {
        using var budget = new CancellationTokenSource(Budget);
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
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not record the refused hold of {Requested} x {Sku} for {Channel}; the 409 stands, the Overview will miss it.",
                refusal.Requested, refusal.Sku, refusal.ChannelId);
        }
    }
}
