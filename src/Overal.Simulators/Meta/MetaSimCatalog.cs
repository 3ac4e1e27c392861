using System.Text.Json;

namespace Overal.Simulators.Meta;

/// <summary>One product catalog: its products, its batches and its items_batch call log. Guarded by the simulator's lock.</summary>
internal sealed class MetaSimCatalog(string name, string id)
{
    public string Name { get; } = name;

    public string Id { get; } = id;

    public Dictionary<string, MetaSimProduct> Products { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, MetaSimBatch> Batches { get; } = new(StringComparer.Ordinal);

    /// <summary>Every items_batch call the rate limit let through, in order.</summary>
    public List<DateTimeOffset> Calls { get; } = [];

    public int CallsSince(DateTimeOffset from) => Calls.Count - LowerBound(from);

    /// <summary>The most calls that ever fell inside one window of this length.</summary>
    public int MaxCallsInAnyWindow(TimeSpan window)
    {
        var max = 0;
        for (int start = 0, end = 0; end < Calls.Count; end++)
        {
            while (Calls[start] <= Calls[end] - window) start++;
            max = Math.Max(max, end - start + 1);
        }
        return max;
    }

    /// <summary>Applies, in submission order, every batch whose processing time has come.</summary>
    public void ApplyDue(DateTimeOffset now)
    {
        foreach (var batch in Batches.Values.Where(b => !b.Finished && b.DueAt <= now).OrderBy(b => b.DueAt).ToList())
        {
            foreach (var request in batch.Requests)
            {
                var error = Apply(request, batch.AllowUpsert);
                if (error is not null) batch.Errors.Add(new MetaSimBatchError(request.Line, request.RetailerId, error));
            }
            batch.Finished = true;
        }
    }

    private string? Apply(MetaSimRequest request, bool allowUpsert)
    {
        var exists = Products.TryGetValue(request.RetailerId, out var product);
        switch (request.Method)
        {
            case "DELETE":
                return Products.Remove(request.RetailerId) ? null : $"Product with retailer_id '{request.RetailerId}' does not exist.";
            case "UPDATE" when exists:
            case "CREATE" when exists && allowUpsert:
                product!.Update(request.Data);
                return null;
            case "CREATE" when exists:
                return $"Product with retailer_id '{request.RetailerId}' already exists.";
            case "UPDATE" when !allowUpsert:
                return $"Product with retailer_id '{request.RetailerId}' does not exist. Set allow_upsert to create it.";
            default:
                var missing = new[] { "title", "price", "availability" }.Where(f => !request.Data.TryGetProperty(f, out _)).ToList();
                if (missing.Count > 0) return "Missing required fields to create a product: " + string.Join(", ", missing) + ".";
                var created = new MetaSimProduct((9_000_000_000_000_000 + Products.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), request.RetailerId);
                created.Update(request.Data);
                Products[request.RetailerId] = created;
                return null;
        }
    }

    private int LowerBound(DateTimeOffset from)
    {
        var index = Calls.FindIndex(c => c > from);
        return index < 0 ? Calls.Count : index;
    }
}

internal sealed class MetaSimProduct(string id, string retailerId)
{
    public string Id { get; } = id;

    public string RetailerId { get; } = retailerId;

    public string Title { get; set; } = "";

    public string Availability { get; set; } = "out of stock";

    public int? Inventory { get; set; }

    public string Price { get; set; } = "";

    public void Update(JsonElement data)
    {
        if (data.TryGetProperty("title", out var title)) Title = title.GetString() ?? Title;
        if (data.TryGetProperty("availability", out var availability)) Availability = availability.GetString()!;
        if (data.TryGetProperty("inventory", out var inventory)) Inventory = inventory.GetInt32();
        if (data.TryGetProperty("price", out var price)) Price = price.GetString()!;
    }
}

internal sealed record MetaSimRequest(int Line, string Method, string RetailerId, JsonElement Data);

internal sealed record MetaSimBatchError(int Line, string RetailerId, string Message);

internal sealed class MetaSimBatch(string handle, DateTimeOffset dueAt, List<MetaSimRequest> requests, bool allowUpsert)
{
    public string Handle { get; } = handle;

    public DateTimeOffset DueAt { get; } = dueAt;

    public List<MetaSimRequest> Requests { get; } = requests;

    public bool AllowUpsert { get; } = allowUpsert;

    public bool Finished { get; set; }

    public List<MetaSimBatchError> Errors { get; } = [];
}
