using System.Net;
using System.Text;

namespace Overal.Bench;

/// <summary>Workload (b): one-unit cart holds through the hub's public API, POST /api/reservations.</summary>
public sealed class HubHolds(Uri baseAddress, StockFixture stock) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        MaxConnectionsPerServer = int.MaxValue,
        UseProxy = false,
    })
    { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10), DefaultRequestHeaders = { { "X-Api-Key", HubProcess.ApiKey } } }; // an overloaded hub shows up as errors, and the run stays bounded

    public async Task ReserveAsync(long sequence, CancellationToken cancellationToken)
    {
        var body = $$"""{"sku":"{{stock.SkuFor(sequence)}}","quantity":1,"channelId":"{{StockFixture.Channel}}","kind":"cart"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/api/reservations", content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        // Read the body as a client would.
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
