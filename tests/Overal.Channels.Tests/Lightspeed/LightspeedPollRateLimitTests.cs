using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Channels.Lightspeed;
using Overal.Channels.Tests.Compliance;
using Overal.Simulators.Lightspeed;

namespace Overal.Channels.Tests.Lightspeed;

public sealed class LightspeedPollRateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_poll_endpoint_counts_down_its_limit_then_answers_429_with_an_http_date()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await StartAsync(clock, limit: 3);
        var sim = server.Simulator<LightspeedSimulator>();
        using var http = new HttpClient();

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await GetAsync(http, server, sim.Options.AccessToken);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            remaining.Add(ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
        using var limited = await GetAsync(http, server, sim.Options.AccessToken);

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), limited.Headers.RetryAfter?.Date);

        clock.Advance(TimeSpan.FromMinutes(5));
        using var again = await GetAsync(http, server, sim.Options.AccessToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task The_poll_endpoint_refuses_a_missing_or_wrong_token()
    {
        await using var server = await StartAsync(TimeProvider.System, limit: 10);
        using var http = new HttpClient();

        using var none = await GetAsync(http, server, null);
        using var wrong = await GetAsync(http, server, "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task The_poller_stops_at_the_limit_without_a_wasted_call_and_resumes_after_the_window()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await StartAsync(clock, limit: 2);
        var sim = server.Simulator<LightspeedSimulator>();
        await sim.RingUpSaleAsync(new LightspeedSimSaleRequest("Leiden", [new("TEE-ORG-BLK-S", 1)]), Ct);
        using var http = new HttpClient();
        var poller = new LightspeedSalesPoller(http, new LightspeedOptions { BaseUrl = server.BaseFor("lightspeed"), AccessToken = sim.Options.AccessToken }, clock);
        var since = clock.GetUtcNow().AddHours(-1);

        var first = await poller.FetchSalesSinceAsync(since, Ct);
        var second = await poller.FetchSalesSinceAsync(since, Ct);
        var third = await poller.FetchSalesSinceAsync(since, Ct);

        Assert.True(first.Complete && second.Complete);
        Assert.Single(second.Sales);
        Assert.False(third.Complete);
        Assert.Equal(0, third.Calls);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), third.RetryAt);
        Assert.Equal(0, sim.RateLimitedCount);

        clock.Advance(TimeSpan.FromMinutes(5));
        var resumed = await poller.FetchSalesSinceAsync(since, Ct);
        Assert.True(resumed.Complete, resumed.Error);
        Assert.Single(resumed.Sales);
    }

    [Fact]
    public async Task After_a_429_the_poller_waits_for_retry_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture));
        await using var server = await StartAsync(clock, limit: 100);
        var sim = server.Simulator<LightspeedSimulator>();
        sim.Faults.Apply(new() { ThrottleNextCalls = 1 });
        using var http = new HttpClient();
        var poller = new LightspeedSalesPoller(http, new LightspeedOptions { BaseUrl = server.BaseFor("lightspeed"), AccessToken = sim.Options.AccessToken }, clock);

        var throttled = await poller.FetchSalesSinceAsync(clock.GetUtcNow().AddHours(-1), Ct);
        var tooSoon = await poller.FetchSalesSinceAsync(clock.GetUtcNow().AddHours(-1), Ct);

        Assert.False(throttled.Complete);
        Assert.NotNull(throttled.RetryAt);
        Assert.Equal(0, tooSoon.Calls);
        Assert.Equal(1, sim.RateLimitedCount);
    }

    private static Task<SimulatorServer> StartAsync(TimeProvider clock, int limit) =>
        LightspeedWebhookTests.StartSeededAsync(s =>
        {
            s.AddSingleton(clock);
            s.Configure<LightspeedSimulatorOptions>(o =>
            {
                o.RegisterCount = 0;
                o.BaseRequests = limit;
            });
        });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, SimulatorServer server, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseFor("lightspeed"), "api/2.0/search?type=sales"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request, Ct);
    }
}
