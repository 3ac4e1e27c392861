using Overal.Core.Inventory;
using Overal.Core.Sync;

namespace Overal.Hub.Dashboard.Data;

public sealed record SearchHit(string StyleCode, string Name, string Sku, string Ean, string Colour, string Size);

public sealed record LocationColumn(string Id, string Name);

/// <summary>A style's variants (rows) × locations (columns); cells are on-hand and ATP.</summary>
public sealed record StyleMatrix(string StyleCode, string Name, IReadOnlyList<string> Skus, IReadOnlyList<string> Sizes,
    IReadOnlyList<LocationColumn> Locations, IReadOnlyDictionary<(string Sku, string Location), StockLevel> Cells);

public sealed record ChannelSellable(string ChannelId, string Name, bool SyncsStock, int Available, int? Confirmed, SyncStatus? State, string? LastError, DateTimeOffset? ConfirmedAt);

public sealed record SkuDetail(string Sku, string Ean, IReadOnlyList<ChannelSellable> Channels, IReadOnlyList<StockMovement> Movements);
