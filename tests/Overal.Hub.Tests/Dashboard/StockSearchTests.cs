using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Tests.Orders;

namespace Overal.Hub.Tests.Dashboard;

/// <summary>The Stock page's search: by product name (Dutch or French, any case, any word of it) as well as SKU, style and EAN.</summary>
public sealed class StockSearchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Stock_search_finds_a_product_by_its_Dutch_or_French_name(string provider)
    {
        await using var hub = new OrdersHubFactory(provider);
        var product = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Products.AsNoTracking().Include(p => p.Variants).OrderBy(p => p.StyleCode).FirstAsync(Ct));
        var search = hub.Services.GetRequiredService<DashboardData>();

        // The whole Dutch name, lower case; the last word of the French name, upper case.
        var dutch = await search.SearchAsync(product.NameNl.ToLowerInvariant(), Ct);
        var french = await search.SearchAsync(product.NameFr.Split(' ')[^1].ToUpperInvariant(), Ct);

        Assert.Contains(dutch, h => h.StyleCode == product.StyleCode);
        Assert.All(dutch, h => Assert.Contains(product.NameNl.ToLowerInvariant(), h.Name.ToLowerInvariant(), StringComparison.Ordinal));
        Assert.Contains(french, h => h.StyleCode == product.StyleCode);
        // SKU and EAN still work.
        var variant = product.Variants[0];
        Assert.Contains(await search.SearchAsync(variant.Sku, Ct), h => h.Sku == variant.Sku);
        Assert.Contains(await search.SearchAsync(variant.Ean, Ct), h => h.Sku == variant.Sku);
        Assert.Empty(await search.SearchAsync("no such product anywhere", Ct));
    }
}
