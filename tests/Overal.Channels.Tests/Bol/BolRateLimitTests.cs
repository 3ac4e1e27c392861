using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Overal.Channels.Abstractions;
using Overal.Channels.Bol;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators;
using Overal.Simulators.Bol;

namespace Overal.Channels.Tests.Bol;

/// <summary>bol's per-group limits: the simulator answers 429 with Retry-After and X-RateLimit-*, the adapter stops sending.</summary>
public sealed class BolRateLimitTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private readonly HttpClient _http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(s => s.Configure<BolSimulatorOptions>(o =>
        {
            o.ProcessingDelay = TimeSpan.Zero;
            o.RateLimits[BolRateGroups.OrdersList] = new(2, TimeSpan.FromMinutes(3));
        }));
        _server.Simulator<BolSimulator>().Seed([new SimulatedItem("SKU-1", "8712345000011", "Tee", 10m, 5)]);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_orders_list_group_answers_429_after_its_limit_and_the_adapter_then_holds_back()
    {
        var sim = _server.Simulator<BolSimulator>();
        var adapter = new BolAdapter(_http, new BolAdapterOptions
        {
            BaseAddress = _server.BaseFor("bol"),
            TokenEndpoint = new Uri(_server.BaseFor("bol"), "token"),
            ClientId = sim.Options.ClientId,
            ClientSecret = sim.Options.ClientSecret,
        });
        await adapter.FetchOrdersAsync(null, Ct);
        await adapter.FetchOrdersAsync(null, Ct);

        // The adapter saw X-RateLimit-Remaining: 0 and does not send a third call it knows would be refused.
        var held = await Assert.ThrowsAnyAsync<HttpRequestException>(() => adapter.FetchOrdersAsync(null, Ct));
        Assert.Contains("rate limit", held.Message, StringComparison.OrdinalIgnoreCase);

        // A client that ignores the headers gets bol's 429.
        var token = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(_server.BaseFor("bol"), "token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Headers = { Authorization = new("Basic", Convert.ToBase64String("overal-bol-client:overal-bol-secret"u8.ToArray())) },
        }, Ct);
        var access = (await token.Content.ReadFromJsonAsync<JsonObject>(Ct))!["access_token"]!.ToString();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseFor("bol"), "retailer/orders"));
        request.Headers.Authorization = new("Bearer", access);
        request.Headers.Accept.ParseAdd("application/vnd.retailer.v10+json");
        var response = await _http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("2", response.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal(429, (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["status"]!.GetValue<int>());
        Assert.Equal(2, sim.TokenRequestCount);
    }

    [Fact]
    public async Task A_stock_push_while_the_group_is_blocked_is_retry_later_with_the_wait()
    {
        var sim = _server.Simulator<BolSimulator>();
        var adapter = new BolAdapter(_http, new BolAdapterOptions
        {
            BaseAddress = _server.BaseFor("bol"),
            TokenEndpoint = new Uri(_server.BaseFor("bol"), "token"),
            ClientId = sim.Options.ClientId,
            ClientSecret = sim.Options.ClientSecret,
            ProcessStatusPollInterval = TimeSpan.FromMilliseconds(20),
        });
        Assert.Equal(ItemOutcome.Confirmed, (await adapter.PushStockAsync([new("SKU-1", "8712345000011", 3, null)], Ct)).Items.Single().Outcome);
        sim.Faults.Apply(new() { ThrottleNextCalls = 1 });
        sim.Options.ThrottleRetryAfterSeconds = 30;

        var throttled = await adapter.PushStockAsync([new("SKU-1", "8712345000011", 4, null)], Ct);
        var blocked = await adapter.PushStockAsync([new("SKU-1", "8712345000011", 5, null)], Ct);

        Assert.Equal(ItemOutcome.RetryLater, throttled.Items.Single().Outcome);
        Assert.Equal(TimeSpan.FromSeconds(30), throttled.RetryAfter);
        Assert.Equal(ItemOutcome.RetryLater, blocked.Items.Single().Outcome);
        Assert.Equal(0, blocked.ChannelCalls);
        Assert.True(blocked.RetryAfter > TimeSpan.FromSeconds(25));
        Assert.Equal(3, sim.Quantities()["SKU-1"]);
    }
}
