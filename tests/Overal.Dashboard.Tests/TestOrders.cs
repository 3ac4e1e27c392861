using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;

namespace Overal.Dashboard.Tests;

/// <summary>Orders made through the REST API (with the test key), as a channel or another client would.</summary>
public static class TestOrders
{
    public static async Task<Guid> CreateWebshopOrderAsync(DashboardHost hub, CancellationToken ct) => (await CreateWebshopOrderWithSkuAsync(hub, ct)).Id;

    /// <summary>A webshop home-delivery order for one unit of a SKU with warehouse stock.</summary>
    public static async Task<(Guid Id, string Sku)> CreateWebshopOrderWithSkuAsync(DashboardHost hub, CancellationToken ct)
    {
        string sku;
        using (var scope = hub.Services.CreateScope())
        {
            sku = await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking()
                .Where(l => l.LocationId == "warehouse" && l.OnHand - l.Reserved >= 5).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync(ct);
        }
        using var api = hub.Http(DashboardHost.ApiKey);
        var response = await api.PostAsJsonAsync("api/orders", new
        {
            channelId = "webshop",
            externalId = "DASH-" + Guid.CreateVersion7().ToString("N")[..12],
            customer = new { name = "Sanne de Vries", email = "sanne@example.nl" },
            delivery = new { kind = "home", street = "Coolsingel 40", postalCode = "3011 AD", city = "Rotterdam", countryCode = "NL" },
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 59.95m } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        return (Guid.Parse(created!["id"]!.GetValue<string>()), sku);
    }

    /// <summary>Moves the order one lifecycle step through the API (pick, pack, ship …) and checks it was accepted.</summary>
    public static async Task StepAsync(DashboardHost hub, Guid id, string action, CancellationToken ct)
    {
        using var api = hub.Http(DashboardHost.ApiKey);
        var response = action == "ship"
            ? await api.PostAsJsonAsync($"api/orders/{id}/ship", new { carrier = "PostNL", trackingNumber = "3SRETURN0001" }, ct)
            : await api.PostAsync($"api/orders/{id}/{action}", null, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>On-hand at a location, as the stock API reports it.</summary>
    public static async Task<int> OnHandAsync(DashboardHost hub, string sku, string locationId, CancellationToken ct)
    {
        using var api = hub.Http(DashboardHost.ApiKey);
        var stock = await api.GetFromJsonAsync<JsonObject>($"api/stock/{Uri.EscapeDataString(sku)}", ct);
        return stock!["locations"]!.AsArray().Single(l => l!["locationId"]!.GetValue<string>() == locationId)!["onHand"]!.GetValue<int>();
    }

    /// <summary>A SKU with at least two units to sell at a location (after reservations and safety stock).</summary>
    public static async Task<string> SkuAtAsync(DashboardHost hub, string locationId, CancellationToken ct)
    {
        using var scope = hub.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HubDbContext>().StockLevels.AsNoTracking()
            .Where(l => l.LocationId == locationId && l.OnHand - l.Reserved - l.SafetyStock >= 2).OrderBy(l => l.Sku).Select(l => l.Sku).FirstAsync(ct);
    }

    /// <summary>A webshop order for one unit of <paramref name="sku"/> with the given delivery (an anonymous object as the API takes it).</summary>
    public static async Task<Guid> CreateAsync(DashboardHost hub, string sku, object delivery, CancellationToken ct, string? externalId = null)
    {
        using var api = hub.Http(DashboardHost.ApiKey);
        var response = await api.PostAsJsonAsync("api/orders", new
        {
            channelId = "webshop",
            externalId = externalId ?? "DASH-" + Guid.CreateVersion7().ToString("N")[..12],
            customer = new { name = "Joost Kuiper", email = "joost@example.nl" },
            delivery,
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 59.95m } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>());
    }
}
