using System.Security.Cryptography;
using System.Text.Json;

namespace Overal.Simulators.Meta;

public sealed partial class MetaSimulator
{
    /// <summary>
    /// POST /{v}/{catalog_id}/items_batch with item_type=PRODUCT_ITEM, requests=[{method, data:{id, ...}}] and
    /// allow_upsert, as a JSON body or as form fields (requests then JSON-encoded). Every call that reaches the limit
    /// check counts against the catalog's budget; beyond it the answer is (#80014).
    /// </summary>
    private async Task<IResult> ItemsBatchAsync(string catalogId, HttpContext context, CancellationToken cancellationToken)
    {
        var body = await ReadParametersAsync(context, cancellationToken);
        if (body is null) return MetaErrors.InvalidParameter("The request body could not be parsed");
        var refusal = Refuse(context, catalogId, body.Text("access_token"));
        if (refusal is not null) return refusal;
        var fault = await FaultAsync(batchCall: true, cancellationToken);
        if (fault is not null)
        {
            lock (_gate) { WriteUsage(context, _catalogs[catalogId], Options.FaultRegainAccessMinutes); }
            return fault;
        }

        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            var now = _time.GetUtcNow();
            if (catalog.CallsSince(now - Options.BatchCallWindow) >= Options.BatchCallsPerWindow)
            {
                CountRateLimited();
                WriteUsage(context, catalog);
                return MetaErrors.Error(400, MetaErrors.TooManyCatalogCalls, "OAuthException", 80014, transient: true);
            }
            catalog.Calls.Add(now);
            WriteUsage(context, catalog);

            if (body.Text("item_type") != "PRODUCT_ITEM")
            {
                return MetaErrors.InvalidParameter("Param item_type must be one of {PRODUCT_ITEM, VEHICLE, HOTEL, FLIGHT, DESTINATION, HOME_LISTING}");
            }
            var structure = MetaBatchValidation.Structure(body.Requests, Options.MaxRequestsPerBatch, out var requests);
            if (structure is not null) return MetaErrors.InvalidParameter(structure);

            var accepted = new List<MetaSimRequest>();
            var validation = new List<object>();
            foreach (var request in requests)
            {
                var errors = MetaBatchValidation.Fields(request);
                if (errors.Count == 0)
                {
                    accepted.Add(request);
                    continue;
                }
                validation.Add(new
                {
                    retailer_id = request.RetailerId,
                    errors = errors.Select(m => new { message = m }).ToList(),
                    warnings = Array.Empty<object>(),
                });
            }
            var handle = "AcX" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var allowUpsert = body.Flag("allow_upsert", defaultValue: true);
            catalog.Batches[handle] = new MetaSimBatch(handle, now + Options.ProcessingDelay, accepted, allowUpsert);
            return Results.Json(new { handles = new[] { handle }, validation_status = validation }, Json);
        }
    }

    /// <summary>
    /// GET /{v}/{catalog_id}/check_batch_request_status?handle=… →
    /// {data:[{handle, status: in_progress|finished, errors_total_count, errors:[{line, id, message}], warnings_total_count, warnings}]}.
    /// </summary>
    private async Task<IResult> CheckBatchStatusAsync(string catalogId, HttpContext context, CancellationToken cancellationToken)
    {
        var refusal = Refuse(context, catalogId, null);
        if (refusal is not null) return refusal;
        var fault = await FaultAsync(batchCall: false, cancellationToken);
        if (fault is not null) return fault;
        lock (_gate)
        {
            var catalog = _catalogs[catalogId];
            WriteUsage(context, catalog);
            catalog.ApplyDue(_time.GetUtcNow());
            if (!catalog.Batches.TryGetValue(context.Request.Query["handle"].ToString(), out var batch))
            {
                return MetaErrors.InvalidParameter("Param handle is not a valid batch handle for this catalog");
            }
            var errors = batch.Errors.Select(e => new { line = e.Line, id = e.RetailerId, message = e.Message }).ToList();
            return Results.Json(new
            {
                data = new[]
                {
                    new
                    {
                        handle = batch.Handle,
                        status = batch.Finished ? "finished" : "in_progress",
                        errors_total_count = errors.Count,
                        errors,
                        warnings_total_count = 0,
                        warnings = Array.Empty<object>(),
                    },
                },
            }, Json);
        }
    }

    private static async Task<MetaBatchParameters?> ReadParametersAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (context.Request.HasFormContentType)
            {
                var form = await context.Request.ReadFormAsync(cancellationToken);
                var requests = form["requests"].ToString();
                return new MetaBatchParameters(
                    form.ToDictionary(f => f.Key, f => f.Value.ToString()),
                    requests.Length == 0 ? default : JsonDocument.Parse(requests).RootElement.Clone());
            }
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var fields = root.EnumerateObject().Where(p => p.Name != "requests")
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            var raw = root.TryGetProperty("requests", out var r) ? r : default;
            // Graph clients often send requests as a JSON-encoded string even inside a JSON body.
            var parsed = raw.ValueKind == JsonValueKind.String ? JsonDocument.Parse(raw.GetString()!).RootElement.Clone() : raw.Clone();
            return new MetaBatchParameters(fields, parsed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record MetaBatchParameters(Dictionary<string, string> Fields, JsonElement Requests)
    {
        public string? Text(string name) => Fields.GetValueOrDefault(name);

        public bool Flag(string name, bool defaultValue) => Fields.GetValueOrDefault(name) switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => defaultValue,
        };
    }
}
