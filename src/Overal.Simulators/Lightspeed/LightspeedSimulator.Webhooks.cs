using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Overal.Simulators.Lightspeed;

/// <remarks>
/// Webhooks are POSTed as application/x-www-form-urlencoded with fields payload (the JSON object), type and
/// domain_prefix, signed over the raw body with HMAC-SHA256 (header name and format from the options).
/// One attempt per event; a dropped or failed delivery is not retried, as the contract warns.
/// </remarks>
public sealed partial class LightspeedSimulator
{
    private static readonly HttpClient WebhookClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Rings up a closed sale at an outlet (id or store name), takes the units from that outlet's stock and
    /// delivers sale.update, then one inventory.update per line.</summary>
    public async Task<LightspeedSimSaleRung> RingUpSaleAsync(LightspeedSimSaleRequest request, CancellationToken cancellationToken)
    {
        LightspeedSaleRecord sale;
        var counts = new List<JsonObject>();
        lock (_gate)
        {
            var outletId = ResolveOutlet(request.Outlet);
            if (request.Lines.Count == 0) throw new ArgumentException("A sale needs at least one line.");
            var lines = new List<LightspeedSaleLineRecord>();
            foreach (var line in request.Lines)
            {
                if (!_bySku.TryGetValue(line.Sku, out var product)) throw new ArgumentException($"Unknown SKU {line.Sku}.");
                if (line.Quantity == 0) throw new ArgumentException("Quantity must not be zero (negative is a return).");
                lines.Add(new LightspeedSaleLineRecord(Guid.CreateVersion7().ToString(), product, line.Quantity));
            }
            foreach (var line in lines)
            {
                _inventory[(line.Product.Id, outletId)] -= line.Quantity;
                counts.Add(LightspeedPayloads.Inventory(line.Product, outletId, _inventory[(line.Product.Id, outletId)], ++_version));
            }
            sale = new LightspeedSaleRecord(Guid.CreateVersion7().ToString(), outletId, _registerByOutlet[outletId], _time.GetUtcNow(),
                ++_version, "OV-" + (++_invoice).ToString(CultureInfo.InvariantCulture), lines);
            _sales.Add(sale);
        }
        var status = await DeliverAsync("sale.update", LightspeedPayloads.Sale(sale), cancellationToken);
        foreach (var count in counts) await DeliverAsync("inventory.update", count, cancellationToken);
        return new LightspeedSimSaleRung(sale.Id, sale.OutletId, sale.Version, status);
    }

    /// <summary>A stock count at the till: sets the outlet's count and delivers inventory.update.</summary>
    public async Task<int?> CountAsync(string outlet, string sku, int count, CancellationToken cancellationToken)
    {
        JsonObject payload;
        lock (_gate)
        {
            var outletId = ResolveOutlet(outlet);
            if (!_bySku.TryGetValue(sku, out var product)) throw new ArgumentException($"Unknown SKU {sku}.");
            _inventory[(product.Id, outletId)] = count;
            payload = LightspeedPayloads.Inventory(product, outletId, count, ++_version);
        }
        return await DeliverAsync("inventory.update", payload, cancellationToken);
    }

    private async Task<IResult> RingUpFromRouteAsync(LightspeedSimSaleRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await RingUpSaleAsync(request, cancellationToken));
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400);
        }
    }

    private async Task<IResult> CountFromRouteAsync(LightspeedSimCountRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(new { webhookStatus = await CountAsync(request.Outlet, request.Sku, request.Count, cancellationToken) });
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400);
        }
    }

    /// <summary>The exact signature header value the simulator sends for a raw body.</summary>
    public string Sign(ReadOnlySpan<byte> rawBody)
    {
        var secret = _options.WebhookSecret ?? throw new InvalidOperationException("No WebhookSecret configured.");
        var hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), rawBody));
        return string.Format(CultureInfo.InvariantCulture, _options.SignatureFormat, hex);
    }

    private async Task<int?> DeliverAsync(string type, JsonObject payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_options.WebhookUrl) || string.IsNullOrEmpty(_options.WebhookSecret)) return null;
        lock (_gate)
        {
            if (_dropWebhooks > 0)
            {
                _dropWebhooks--;
                Interlocked.Increment(ref _dropped);
                return null;
            }
        }
        using var form = new FormUrlEncodedContent([
            new("payload", payload.ToJsonString()),
            new("type", type),
            new("domain_prefix", _options.DomainPrefix),
        ]);
        var body = await form.ReadAsByteArrayAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.WebhookUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation(_options.SignatureHeaderName, Sign(body));
        try
        {
            using var response = await WebhookClient.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref _delivered);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
