namespace Overal.Bench;

/// <summary>The hub's conditional hold statement (ReservationBook.TakeAsync), verbatim.</summary>
public static class ReservationStatement
{
    public const string Sql =
        """
        UPDATE stock_levels SET reserved = reserved + @q, version = version + 1, updated_at = @now
        WHERE sku = @sku AND location_id = @location AND on_hand - reserved - safety_stock >= @q
        """;
}
