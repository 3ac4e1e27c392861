using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Overal.Simulators.Control;

namespace Overal.Simulators.Shopify;

/// <remarks>
/// Cost formula (a documented simplification of Shopify's calculated query cost):
/// mutations cost 10, plus 1 per quantity for inventorySetQuantities; queries cost 1 for the root object,
/// plus 2 + first for every connection (every `first:` argument), plus 1 per id for nodes(ids:). Nested single
/// objects are free. The actual cost of a connection query counts the objects returned instead of `first`;
/// the difference is refunded to the bucket, as Shopify does.
/// </remarks>
public sealed partial class ShopifySimulator
{
    private async Task<IResult> HandleGraphQlAsync(string version, HttpContext http, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        if (!Authorized(http))
        {
            return Results.Json(new JsonObject { ["errors"] = InvalidTokenMessage }, statusCode: StatusCodes.Status401Unauthorized);
        }
        var fault = Faults.Next();
        if (fault.LatencyMs > 0) await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), _time, cancellationToken);
        switch (fault.Kind)
        {
            case FaultKind.Outage:
                return Results.Json(new JsonObject { ["errors"] = "Service Unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            case FaultKind.ServerError:
                return Results.Json(new JsonObject { ["errors"] = "Internal Server Error" }, statusCode: StatusCodes.Status500InternalServerError);
        }

        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: cancellationToken) as JsonObject;
        var query = body?["query"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(query))
        {
            return Results.Json(new JsonObject { ["errors"] = new JsonArray(Error("Parameter Missing or Invalid", "BAD_REQUEST")) }, statusCode: 400);
        }
        var variables = body!["variables"] as JsonObject;
        var requested = RequestedCost(query, variables);

        if (fault.Kind == FaultKind.Throttle)
        {
            _bucket.Drain();
            return Throttled(requested);
        }
        if (requested > Math.Min(_options.SingleQueryMaxCost, _options.MaximumAvailable))
        {
            var tooExpensive = Error(
                $"Query cost is {requested}, which exceeds the single query max cost limit ({_options.SingleQueryMaxCost}).", "MAX_COST_EXCEEDED");
            return Respond(new JsonObject { ["errors"] = new JsonArray(tooExpensive) }, requested, null, _bucket.Refund(0));
        }
        if (!_bucket.TryCharge(requested, out _))
        {
            return Throttled(requested);
        }

        var (response, actual) = Execute(query, variables);
        var available = _bucket.Refund(Math.Max(0, requested - actual));
        return Respond(response, requested, actual, available);
    }

    private (JsonObject Response, int ActualCost) Execute(string query, JsonObject? variables)
    {
        if (ShopifyGraphQlText.IsMutation(query))
        {
            if (ShopifyGraphQlText.Calls(query, "inventorySetQuantities")) return SetQuantities(query, variables);
            if (ShopifyGraphQlText.Calls(query, "fulfillmentCreate")) return (CreateFulfillment(variables), 10);
        }
        else
        {
            if (ShopifyGraphQlText.Calls(query, "inventoryItems")) return InventoryItemsQuery(query, variables);
            if (ShopifyGraphQlText.Calls(query, "productVariants")) return ProductVariantsQuery(query, variables);
            if (ShopifyGraphQlText.CallsWithArguments(query, "nodes")) return NodesQuery(query, variables);
            if (ShopifyGraphQlText.CallsWithArguments(query, "order")) return (OrderFulfillmentOrdersQuery(query, variables), RequestedCost(query, variables));
            if (ShopifyGraphQlText.Calls(query, "shop")) return (Data(new JsonObject { ["shop"] = new JsonObject { ["id"] = "gid://shopify/Shop/1", ["myshopifyDomain"] = _options.ShopDomain } }), 1);
        }
        return (new JsonObject { ["errors"] = new JsonArray(Error("The simulator does not recognise this operation.", "UNSUPPORTED_OPERATION")) }, 1);
    }

    internal static int RequestedCost(string query, JsonObject? variables)
    {
        if (ShopifyGraphQlText.IsMutation(query))
        {
            var quantities = ShopifyGraphQlText.Calls(query, "inventorySetQuantities")
                ? (variables?["input"]?["quantities"] as JsonArray)?.Count ?? 0
                : 0;
            return 10 + quantities;
        }
        var cost = 1 + ShopifyGraphQlText.ConnectionSizes(query, variables).Sum(first => 2 + first);
        if (ShopifyGraphQlText.CallsWithArguments(query, "nodes"))
        {
            cost += (ShopifyGraphQlText.Argument(query, "nodes", "ids", variables) as JsonArray)?.Count ?? 0;
        }
        return cost;
    }

    private bool Authorized(HttpContext http)
    {
        var sent = http.Request.Headers["X-Shopify-Access-Token"].ToString();
        return sent.Length > 0 && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(_options.AccessToken));
    }

    private IResult Throttled(int requested)
    {
        Interlocked.Increment(ref _throttled);
        var body = new JsonObject
        {
            ["errors"] = new JsonArray(new JsonObject
            {
                ["message"] = "Throttled",
                ["extensions"] = new JsonObject
                {
                    ["code"] = "THROTTLED",
                    ["documentation"] = "https://shopify.dev/api/usage/rate-limits",
                },
            }),
        };
        return Respond(body, requested, null, _bucket.Refund(0), _options.ThrottledStatusCode);
    }

    private IResult Respond(JsonObject body, int requested, int? actual, double available, int status = 200)
    {
        body["extensions"] = new JsonObject
        {
            ["cost"] = new JsonObject
            {
                ["requestedQueryCost"] = requested,
                ["actualQueryCost"] = actual,
                ["throttleStatus"] = new JsonObject
                {
                    ["maximumAvailable"] = _bucket.MaximumAvailable,
                    // Reported rounded down, as Shopify shows whole points.
                    ["currentlyAvailable"] = (int)Math.Floor(available),
                    ["restoreRate"] = _bucket.RestoreRate,
                },
            },
        };
        return Results.Json(body, statusCode: status);
    }

    internal static JsonObject Data(JsonObject data) => new() { ["data"] = data };

    internal static JsonObject Error(string message, string code) =>
        new() { ["message"] = message, ["extensions"] = new JsonObject { ["code"] = code } };

    internal static JsonObject UserError(string message, string? code, params string[] field) => new()
    {
        ["field"] = new JsonArray([.. field.Select(f => (JsonNode?)JsonValue.Create(f))]),
        ["message"] = message,
        ["code"] = code,
    };
}
