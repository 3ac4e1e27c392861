using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Overal.Channels.Abstractions;

namespace Overal.Channels.Meta;

public sealed partial class MetaCatalogAdapter
{
    private sealed record Pending(string Sku, MetaGraph.ItemData? Data, int? Quantity, string? Refusal);

    private sealed record ChunkOutcome(List<ItemResult> Results, int Calls, TimeSpan? RetryAfter, bool Stop);

    private async Task<PushResult> PushAsync(
        List<(string Sku, MetaGraph.ItemData? Data, int? Quantity, string? Refusal)> items, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        foreach (var (sku, _, _, refusal) in items.Where(i => i.Refusal is not null))
        {
            results[sku] = new ItemResult(sku, ItemOutcome.Rejected, refusal, null);
        }
        var calls = 0;
        TimeSpan? retryAfter = null;
        var stopped = false;
        var http = _httpClients.CreateClient(_httpClientName);
        foreach (var chunk in items.Where(i => i.Refusal is null).Select(i => new Pending(i.Sku, i.Data, i.Quantity, null)).Chunk(_options.MaxBatchSize))
        {
            if (!stopped)
            {
                var (slot, wait) = await TakeBudgetAsync(cancellationToken);
                if (slot is not null)
                {
                    var outcome = await SendBatchAsync(http, chunk, slot, cancellationToken);
                    calls += outcome.Calls;
                    foreach (var r in outcome.Results) results[r.Sku] = r;
                    retryAfter ??= outcome.RetryAfter;
                    stopped = outcome.Stop;
                    continue;
                }
                retryAfter = wait;
                stopped = true;
            }
            foreach (var p in chunk)
            {
                results[p.Sku] = new ItemResult(p.Sku, ItemOutcome.RetryLater, "not sent: Meta call budget for this catalog is spent or the channel failed", null);
            }
        }
        return new PushResult([.. items.Select(i => i.Sku).Distinct().Select(s => results[s])], retryAfter, calls);
    }

    /// <summary>A call from the budget, waiting for it only when it comes within <see cref="MetaCatalogOptions.MaxThrottleWait"/>.</summary>
    private async Task<(MetaCallBudget.Slot? Slot, TimeSpan Wait)> TakeBudgetAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = _budget.TryTake(out var wait);
            if (slot is not null) return (slot, TimeSpan.Zero);
            if (wait > _options.MaxThrottleWait) return (null, wait);
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    private async Task<ChunkOutcome> SendBatchAsync(HttpClient http, Pending[] chunk, MetaCallBudget.Slot slot, CancellationToken cancellationToken)
    {
        List<ItemResult> All(ItemOutcome outcome, string error) => [.. chunk.Select(p => new ItemResult(p.Sku, outcome, error, null))];
        string body;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{_options.GraphVersion}/{_options.CatalogId}/items_batch")
            {
                Content = JsonContent.Create(
                    new MetaGraph.BatchRequest("PRODUCT_ITEM", false, [.. chunk.Select(p => new MetaGraph.ItemRequest("UPDATE", p.Data!))]),
                    options: MetaGraph.Json),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
            using var response = await http.SendAsync(request, cancellationToken);
            _budget.Complete(slot);
            var regain = MetaGraph.RegainAccess(response);
            if (regain is not null) _budget.CloseFor(regain.Value);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = MetaGraph.ReadError(body);
                var message = $"Meta answered {(int)response.StatusCode}: {error?.Message ?? body}";
                return error?.Code switch
                {
                    80014 or 4 or 17 or 32 or 613 => new ChunkOutcome(All(ItemOutcome.RetryLater, message), 1, regain ?? _options.ThrottledRetryAfter, true),
                    190 => new ChunkOutcome(All(ItemOutcome.RetryLater, message), 1, null, true),
                    _ when (int)response.StatusCode >= 500 || error is null || error.Transient =>
                        new ChunkOutcome(All(ItemOutcome.RetryLater, message), 1, null, true),
                    _ => new ChunkOutcome(All(ItemOutcome.Rejected, message), 1, null, false),
                };
            }
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _budget.Complete(slot);
            return new ChunkOutcome(All(ItemOutcome.RetryLater, e.Message), 1, null, true);
        }

        using var document = JsonDocument.Parse(body);
        var handle = document.RootElement.GetProperty("handles")[0].GetString()!;
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("validation_status", out var validation))
        {
            foreach (var entry in validation.EnumerateArray())
            {
                var errors = entry.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
                if (errors.Count > 0) refused[entry.GetProperty("retailer_id").GetString()!] = string.Join("; ", errors);
            }
        }
        var (finished, failed, polls) = await AwaitBatchAsync(http, handle, chunk, cancellationToken);
        foreach (var (sku, message) in failed) refused[sku] = message;
        var results = chunk.Select(p =>
            refused.TryGetValue(p.Sku, out var why) ? new ItemResult(p.Sku, ItemOutcome.Rejected, why, null)
            : finished ? new ItemResult(p.Sku, ItemOutcome.Confirmed, null, p.Quantity)
            : new ItemResult(p.Sku, ItemOutcome.RetryLater, $"batch {handle} still in progress", null)).ToList();
        return new ChunkOutcome(results, 1 + polls, null, !finished);
    }

    /// <summary>Polls check_batch_request_status until the batch is finished or the status timeout passes.</summary>
    private async Task<(bool Finished, Dictionary<string, string> Failed, int Polls)> AwaitBatchAsync(
        HttpClient http, string handle, Pending[] chunk, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.StatusTimeout;
        var polls = 0;
        while (true)
        {
            polls++;
            using (var request = new HttpRequestMessage(HttpMethod.Get,
                $"{_options.GraphVersion}/{_options.CatalogId}/check_batch_request_status?handle={Uri.EscapeDataString(handle)}"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AccessToken);
                try
                {
                    using var response = await http.SendAsync(request, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                        var status = document.RootElement.GetProperty("data")[0];
                        if (status.GetProperty("status").GetString() == "finished") return (true, Failures(status, chunk), polls);
                    }
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // A failed status check says nothing about the batch: ask again until the deadline.
                }
            }
            if (_time.GetUtcNow() + _options.StatusPollInterval > deadline) return (false, [], polls);
            await Task.Delay(_options.StatusPollInterval, _time, cancellationToken);
        }
    }

    private static Dictionary<string, string> Failures(JsonElement status, Pending[] chunk)
    {
        var failed = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!status.TryGetProperty("errors", out var errors)) return failed;
        foreach (var error in errors.EnumerateArray())
        {
            var sku = error.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
                : error.TryGetProperty("line", out var line) && line.TryGetInt32(out var l) && l >= 0 && l < chunk.Length ? chunk[l].Sku
                : null;
            if (sku is not null) failed[sku] = error.TryGetProperty("message", out var m) ? m.GetString() ?? "rejected" : "rejected";
        }
        return failed;
    }
}
