using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Overal.Simulators.Shopify;

/// <remarks>
/// Delivery as the contract describes it: 5 s timeout, and after a failed first attempt (non-2xx, timeout,
/// refused) up to 8 retries over 4 h, spaced by <see cref="ShopifySimulatorOptions.WebhookRetryDelays"/>. Every
/// delivery of an event carries the same X-Shopify-Event-Id, a new X-Shopify-Webhook-Id and a fresh signature.
/// Retries wait on the injected <see cref="TimeProvider"/>, stop at the first 2xx, and stop when the simulator is
/// disposed (the DI container does that at shutdown).
/// </remarks>
public sealed partial class ShopifySimulator
{
    private static readonly HttpClient WebhookClient = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _disposal = new();
    private readonly List<ShopifyWebhookDelivery> _deliveries = [];
    private readonly Dictionary<string, int> _attemptsByEvent = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _retries = [];
    private int _disposed;

    /// <summary>Every delivery attempt so far, oldest first.</summary>
    public IReadOnlyList<ShopifyWebhookDelivery> WebhookDeliveries()
    {
        lock (_gate) { return [.. _deliveries]; }
    }

    /// <summary>Events whose automatic retries are still scheduled or in flight.</summary>
    public int PendingWebhookRetries
    {
        get { lock (_gate) { return _retries.Count; } }
    }

    /// <summary>Sends one delivery; with <paramref name="retry"/>, a failure schedules the background retries.</summary>
    /// <returns>The receiver's status; null when no webhook is configured, on a timeout or a refused connection.</returns>
    private async Task<int?> DeliverWebhookAsync(string topic, JsonObject payload, string eventId, bool retry, CancellationToken cancellationToken)
    {
        var delivery = await SendWebhookAsync(topic, payload, eventId, cancellationToken);
        if (delivery is null) return null;
        // Retries are scheduled (their first timer started) before the attempt is visible: a test that sees the
        // failed attempt and then moves a fake clock moves it past that timer.
        if (retry && !delivery.Succeeded) ScheduleRetries(topic, payload, eventId);
        Record(delivery);
        return delivery.Status;
    }

    private void ScheduleRetries(string topic, JsonObject payload, string eventId)
    {
        TimeSpan[] delays = [.. _options.WebhookRetryDelays];
        if (delays.Length == 0) return;
        var retries = RetryAsync(topic, payload, eventId, delays, _stopping);
        lock (_gate)
        {
            if (!retries.IsCompleted) _retries.Add(retries);
        }
        _ = retries.ContinueWith(t => { lock (_gate) { _retries.Remove(t); } }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <remarks>Nobody awaits this task, so it never faults: cancellation ends it quietly, anything else is logged.</remarks>
    private async Task RetryAsync(string topic, JsonObject payload, string eventId, TimeSpan[] delays, CancellationToken stopping)
    {
        try
        {
            var wait = Task.Delay(delays[0], _time, stopping);
            for (var retry = 1; ; retry++)
            {
                await wait;
                var delivery = await SendWebhookAsync(topic, payload, eventId, stopping);
                if (delivery is null) return;
                var again = !delivery.Succeeded && retry < delays.Length;
                // The next timer starts before the attempt is visible, for the same reason as in DeliverWebhookAsync.
                if (again) wait = Task.Delay(delays[retry], _time, stopping);
                Record(delivery);
                if (!again) return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception e) // with no awaiter, an escaping exception would only be lost unobserved
        {
            _logger.LogError(e, "Shopify simulator stopped retrying {Topic} event {EventId}", topic, eventId);
        }
    }

    /// <returns>The attempt, or null when no webhook URL and secret are configured (nothing was sent).</returns>
    private async Task<ShopifyWebhookDelivery?> SendWebhookAsync(string topic, JsonObject payload, string eventId, CancellationToken cancellationToken)
    {
        var url = _options.WebhookUrl;
        var secret = _options.WebhookSecret;
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(secret)) return null;
        byte[] body;
        int attempt;
        lock (_gate)
        {
            body = Encoding.UTF8.GetBytes(payload.ToJsonString());
            attempt = _attemptsByEvent[eventId] = _attemptsByEvent.GetValueOrDefault(eventId) + 1;
        }
        var hmac = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        var webhookId = Guid.CreateVersion7().ToString();
        var at = _time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-Shopify-Topic", topic);
        request.Headers.Add("X-Shopify-Hmac-SHA256", hmac);
        request.Headers.Add("X-Shopify-Shop-Domain", _options.ShopDomain);
        request.Headers.Add("X-Shopify-API-Version", _options.ApiVersion);
        request.Headers.Add("X-Shopify-Webhook-Id", webhookId);
        request.Headers.Add("X-Shopify-Event-Id", eventId);
        request.Headers.Add("X-Shopify-Triggered-At", at.ToString("O", CultureInfo.InvariantCulture));
        int? status;
        try
        {
            using var response = await WebhookClient.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status = null;
        }
        return new ShopifyWebhookDelivery(topic, eventId, webhookId, attempt, status, at);
    }

    private void Record(ShopifyWebhookDelivery delivery)
    {
        lock (_gate) { _deliveries.Add(delivery); }
    }

    /// <summary>Cancels pending webhook retries without waiting for them.</summary>
    public void Dispose()
    {
        // The container disposes this instance twice (as itself and as IChannelSimulator); cancel once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _disposal.Cancel();
        _disposal.Dispose();
    }

    /// <summary>Cancels pending webhook retries and waits until none can send any more.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        Task[] pending;
        lock (_gate) { pending = [.. _retries]; }
        await Task.WhenAll(pending);
    }
}
