using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Inventory;
using Overal.Core.Persistence;
using Overal.Hub.Api.Input;
using Overal.Hub.Auth;

namespace Overal.Hub.Api.Catalog;

public static class CatalogEndpoints
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Catalog");
        api.MapGet("/locations", GetLocations).WithName("GetLocations").RequireAccess(ApiAccess.Read);
        api.MapGet("/channels", GetChannels).WithName("GetChannels").RequireAccess(ApiAccess.Read);
        api.MapGet("/products", SearchProducts).WithName("SearchProducts").RequireAccess(ApiAccess.Read);
        api.MapGet("/products/{id:guid}", GetProduct).WithName("GetProduct").RequireAccess(ApiAccess.Read);
        return routes;
    }

    private static async Task<Ok<LocationResponse[]>> GetLocations(HubDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Locations.AsNoTracking().OrderBy(l => l.Kind).ThenBy(l => l.Id)
            .Select(l => new LocationResponse(l.Id, l.Name, l.Kind, l.City, l.ShipFromStore, l.ClickAndCollect, l.DefaultSafetyStock))
            .ToArrayAsync(cancellationToken));

    private static async Task<Ok<ChannelResponse[]>> GetChannels(HubDbContext db, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().Include(c => c.Pool).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(channels.Select(c => new ChannelResponse(
            c.Id, c.Name, c.System, c.Kind, c.SyncsStock, c.Buffer, c.Cap, c.SharePercent,
            [.. c.Pool.OrderBy(p => p.Priority).Select(p => new PoolEntryResponse(p.LocationId, p.Priority))])).ToArray());
    }

    private static async Task<Results<Ok<ProductPage>, ProblemHttpResult>> SearchProducts(
        HubDbContext db, string? search, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var size = pageSize ?? 50;
        var number = page ?? 1;
        if (size is < 1 or > MaxPageSize || number < 1)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid paging",
                detail: $"'page' starts at 1 and 'pageSize' is 1 to {MaxPageSize}.");
        }
        var skip = Paging.Offset(number, size);
        var query = db.Products.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(p => p.StyleCode.ToLower().Contains(term) || p.NameNl.ToLower().Contains(term) || p.NameFr.ToLower().Contains(term)
                || p.Variants.Any(v => v.Sku.ToLower().Contains(term) || v.Ean == term));
        }
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(p => p.StyleCode).Skip(skip).Take(size)
            .Select(p => new ProductSummary(p.Id, p.StyleCode, p.NameNl, p.NameFr, p.Category, p.Price, p.Currency, p.Variants.Count))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ProductPage(items, number, size, total));
    }

    private static async Task<Results<Ok<ProductResponse>, ProblemHttpResult>> GetProduct(Guid id, HubDbContext db, CancellationToken cancellationToken)
    {
        var p = await db.Products.AsNoTracking().Include(x => x.Variants).FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (p is null) return TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"Product '{id}' does not exist.");
        return TypedResults.Ok(new ProductResponse(p.Id, p.StyleCode, p.NameNl, p.NameFr, p.Category, p.Price, p.Currency,
            [.. p.Variants.OrderBy(v => v.Colour).ThenBy(v => v.Sku).Select(v => new VariantResponse(v.Sku, v.Ean, v.Size, v.Colour, v.Price))]));
    }
}

public sealed record LocationResponse(string Id, string Name, LocationKind Kind, string? City, bool ShipFromStore, bool ClickAndCollect, int DefaultSafetyStock);

public sealed record ChannelResponse(string Id, string Name, string System, Overal.Core.Channels.ChannelKind Kind, bool SyncsStock, int Buffer, int? Cap, int? SharePercent, PoolEntryResponse[] Pool);

public sealed record PoolEntryResponse(string LocationId, int Priority);

public sealed record ProductSummary(Guid Id, string StyleCode, string NameNl, string NameFr, string Category, decimal Price, string Currency, int VariantCount);

public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, int Page, int PageSize, int Total);

public sealed record ProductResponse(Guid Id, string StyleCode, string NameNl, string NameFr, string Category, decimal Price, string Currency, VariantResponse[] Variants);

public sealed record VariantResponse(string Sku, string Ean, string Size, string Colour, decimal Price);
