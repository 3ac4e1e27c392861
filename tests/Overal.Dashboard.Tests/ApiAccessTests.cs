using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;

namespace Overal.Dashboard.Tests;

/// <summary>Roles on the API: store-staff keys act only for their store; channel operations need admin or operations.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApiAccessTests(DashboardFixture fixture)
{
    [Fact]
    public async Task StoreStaffKeyMovesStockOnlyAtItsOwnStore()
    {
        var ct = TestContext.Current.CancellationToken;
        string sku;
        using (var scope = fixture.Hub.Services.CreateScope())
        {
            sku = await scope.ServiceProvider.GetRequiredService<HubDbContext>().Variants.Select(v => v.Sku).OrderBy(s => s).FirstAsync(ct);
        }
        using var till = fixture.Hub.Http(DashboardHost.StoreKey);

        var elsewhere = await till.PostAsJsonAsync("api/stock/movements",
            new { sku, locationId = "store-amsterdam", type = "adjustment", quantity = 1, reason = "found" }, ct);
        var own = await till.PostAsJsonAsync("api/stock/movements",
            new { sku, locationId = "store-rotterdam", type = "adjustment", quantity = 1, reason = "found" }, ct);
        var reconcile = await till.PostAsync("api/channels/webshop/reconcile", null, ct);

        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconcile.StatusCode);
    }
}
