using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Abstractions;
using Overal.Core.Orders;
using Overal.Core.Persistence;
using Overal.Hub.Api.Orders;

namespace Overal.Hub.Tests.Orders;

public sealed class OrderQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task The_queue_filters_by_channel_status_location_and_overdue_and_pages(string provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        await using var hub = new OrdersHubFactory(provider, new() { ["Orders:OverdueAfter"] = "1.00:00:00" }, s => s.AddSingleton<TimeProvider>(time));
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10, ["store-utrecht"] = 3 });
        var client = hub.CreateClient();
        var old = await client.PostAsJsonAsync("/api/orders", new
        {
            channelId = "webshop", externalId = "OLD", placedAt = time.GetUtcNow().AddDays(-2),
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 60m } },
        }, Ct);
        await OrderLifecycleTests.CreateAsync(client, "NEW-1", (sku, 1));
        await client.PostAsJsonAsync("/api/orders", new
        {
            channelId = "stores", externalId = "CC-UTR", delivery = new { kind = "click_and_collect", storeLocationId = "store-utrecht" },
            lines = new[] { new { sku, quantity = 1, unitPriceInclVat = 60m } },
        }, Ct);
        await hub.InScopeAsync(sp => sp.GetRequiredService<OrderIntake>().IngestAsync(OrdersHubFactory.Order("bol", "BOL-Q", lines: (sku, 1, 60m)), Ct));

        async Task<OrderPage> Query(string q) { var r = await client.GetAsync("/api/orders" + q, Ct); Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync(Ct)); return await OrdersHubFactory.ReadAsync<OrderPage>(r); }

        Assert.Equal(4, (await Query("")).Total);
        Assert.Equal("BOL-Q", Assert.Single((await Query("?channel=bol")).Items).ExternalId);
        Assert.Equal("CC-UTR", Assert.Single((await Query("?location=store-utrecht")).Items).ExternalId);
        var overdue = Assert.Single((await Query("?overdue=true")).Items);
        Assert.Equal((await OrdersHubFactory.ReadAsync<OrderDetail>(old)).Id, overdue.Id);
        Assert.True(overdue.Overdue);
        Assert.Equal(4, (await Query("?status=allocated")).Total);
        Assert.Equal(0, (await Query("?status=shipped,cancelled")).Total);
        var page2 = await Query("?pageSize=3&page=2");
        Assert.Single(page2.Items);
        Assert.Equal(4, page2.Total);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync("/api/orders?status=lost", Ct)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task The_delivery_promise_follows_stock_and_cut_off_times(string provider)
    {
        // Monday 20:00 in the shop's zone (UTC here): before the warehouse cut-off (22:00), after the pickup cut-off (18:00).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero));
        await using var hub = new OrdersHubFactory(provider, new() { ["Orders:Promise:TimeZone"] = "UTC" }, s => s.AddSingleton<TimeProvider>(time));
        var skus = await hub.SkusAsync(2);
        await hub.SetStockAsync(skus[0], new() { ["warehouse"] = 4, ["store-utrecht"] = 3 });
        await hub.SetStockAsync(skus[1], new() { ["warehouse"] = 4 });
        var client = hub.CreateClient();

        var home = await OrdersHubFactory.ReadAsync<PromiseResult>(await client.GetAsync($"/api/promise?skus={skus[0]},{skus[1]}&postcode=1012LG", Ct));
        var homeOption = home.Options.Single(o => o.Kind == "home");
        Assert.Equal(new DateOnly(2026, 11, 24), homeOption.Date);
        Assert.Equal("warehouse", homeOption.Source);
        Assert.Contains(home.Options, o => o.Kind == "pickup_point");

        var inStore = await OrdersHubFactory.ReadAsync<PromiseResult>(await client.GetAsync($"/api/promise?skus={skus[0]}&store=store-utrecht", Ct));
        var cc = Assert.Single(inStore.Options);
        Assert.Equal(("store-utrecht", new DateOnly(2026, 11, 24)), (cc.Source, cc.Date));

        var transfer = await OrdersHubFactory.ReadAsync<PromiseResult>(await client.GetAsync($"/api/promise?skus={skus[1]}&store=store-utrecht", Ct));
        Assert.Equal(("warehouse", new DateOnly(2026, 11, 24)), (transfer.Options[0].Source, transfer.Options[0].Date));

        time.Advance(TimeSpan.FromHours(2.5));
        var late = await OrdersHubFactory.ReadAsync<PromiseResult>(await client.GetAsync($"/api/promise?skus={skus[1]}&postcode=1012LG", Ct));
        Assert.Equal(new DateOnly(2026, 11, 25), late.Options.Single(o => o.Kind == "home").Date);
    }

    [Theory]
    [MemberData(nameof(OrdersHubFactory.Providers), MemberType = typeof(OrdersHubFactory))]
    public async Task Polling_ingests_each_page_once_and_resumes_from_the_stored_cursor(string provider)
    {
        var source = new FakeOrderSource("zalando");
        await using var hub = new OrdersHubFactory(provider, null, s => s.AddSingleton<IOrderSource>(source));
        var sku = (await hub.SkusAsync(1))[0];
        await hub.SetStockAsync(sku, new() { ["warehouse"] = 10 });
        source.Pages.Add([OrdersHubFactory.Order("zalando", "Z-100", lines: (sku, 1, 70m)), OrdersHubFactory.Order("zalando", "Z-101", lines: (sku, 1, 70m))]);
        source.Pages.Add([OrdersHubFactory.Order("zalando", "Z-101", lines: (sku, 1, 70m)), OrdersHubFactory.Order("zalando", "Z-102", lines: (sku, 1, 70m))]);
        var poller = hub.Services.GetRequiredService<OrderPollingService>();

        Assert.Equal(3, await poller.PollOnceAsync(Ct));
        Assert.Equal(0, await poller.PollOnceAsync(Ct));

        Assert.Equal([null, "page-1", "page-2"], source.Cursors.Select(c => c?.PageToken));
        var cursor = await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<OrderSourceCursor>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal("page-2", cursor.PageToken);
        Assert.Equal(3, await hub.InScopeAsync(sp => sp.GetRequiredService<HubDbContext>().Set<Order>().CountAsync(o => o.ChannelId == "zalando", Ct)));
    }

    private sealed class FakeOrderSource(string channelId) : IOrderSource
    {
        public List<List<ChannelOrder>> Pages { get; } = [];
        public List<ChannelOrderCursor?> Cursors { get; } = [];
        public string ChannelId => channelId;

        public Task<ChannelOrderPage> FetchAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken)
        {
            Cursors.Add(cursor);
            var index = cursor?.PageToken is { } token ? int.Parse(token[5..], System.Globalization.CultureInfo.InvariantCulture) : 0;
            var orders = index < Pages.Count ? Pages[index] : [];
            var next = new ChannelOrderCursor(DateTimeOffset.UnixEpoch, $"page-{Math.Min(index + 1, Pages.Count)}");
            return Task.FromResult(new ChannelOrderPage(orders, next, index + 1 < Pages.Count));
        }
    }
}
