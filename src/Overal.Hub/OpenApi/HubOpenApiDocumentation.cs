using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Overal.Channels.Lightspeed;
using Overal.Hub.Auth;

namespace Overal.Hub.OpenApi;

/// <summary>
/// What the generated OpenAPI document (and so the Scalar reference at /api/reference) cannot know by itself: how to
/// authenticate (an X-Api-Key or the dashboard's session cookie), how the two webhooks are signed, and which RFC 9457
/// problem details each operation can answer. The errors follow from the hub's own rules (fallback authorization,
/// Api:MaxBodyBytes, the Idempotency-Key middleware, 404 for an unknown id), so they are declared by rule here
/// rather than on every endpoint.
/// </summary>
public static class HubOpenApiDocumentation
{
    private const string ApiKeyScheme = "ApiKey";
    private const string SessionScheme = "Session";
    private const string Problem = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> Errors = new()
    {
        ["400"] = "The request is invalid (a missing or malformed field, an unknown status, a bad Idempotency-Key); `detail` says which. Nothing changed.",
        ["401"] = "No valid X-Api-Key header and no session (for a webhook: the signature does not match).",
        ["403"] = "The key's or user's role may not do this (read_only writes, store staff acting for another store).",
        ["404"] = "The order, return, SKU, channel or location in the path does not exist.",
        ["409"] = "The current state does not allow it (e.g. shipping a cancelled order, too few units), or a request with the same Idempotency-Key is still running. Nothing changed.",
        ["413"] = "The body is larger than Api:MaxBodyBytes (256 KiB by default).",
        ["422"] = "The Idempotency-Key was used before with a different request.",
    };

    public static OpenApiOptions AddHubDocumentation(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info.Description =
                "Overal's REST API. Authenticate every /api call with an `X-Api-Key` header (keys are configured as SHA-256 hashes under " +
                "`Auth:ApiKeys:<name>:Hash` with a `Role` — admin, operations, store_staff with a `Location`, or read_only) or with the dashboard's " +
                "session cookie (`overal.auth`, from signing in at /account/login). Errors are RFC 9457 problem details (`application/problem+json`) " +
                "with a `detail` meant for the person who sent the request; a refused request changes nothing. Any POST under /api accepts an " +
                "`Idempotency-Key` header: the first successful result is replayed for the same key. Webhooks (/webhooks/…) take no key: they are " +
                "verified by their channel's HMAC signature, described on each.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.Header,
                Description = "An API key issued to an integration. The hub stores only its SHA-256 hash (hex) under Auth:ApiKeys:<name>:Hash, " +
                    "with the key's Role (and Location for store_staff). Send the key itself in this header.",
            };
            document.Components.SecuritySchemes[SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "overal.auth",
                Description = "The dashboard's session cookie, set by signing in; lets the browser call the API as the signed-in user.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "RFC 9457 problem details.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "A short summary of the kind of problem." },
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Description = "The HTTP status." },
                    ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What exactly was wrong, for the person who sent it." },
                    ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                },
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var path = "/" + (context.Description.RelativePath ?? "").TrimStart('/');
            var method = context.Description.HttpMethod ?? "GET";
            var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            var webhook = path.StartsWith("/webhooks/", StringComparison.Ordinal);
            var post = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method);
            var codes = new List<string>();
            if (webhook)
            {
                operation.Description = WebhookDescription(path, context.ApplicationServices);
                codes.AddRange(["400", "401", "413"]);
            }
            else if (!anonymous)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SessionScheme, context.Document)] = [] },
                ];
                codes.AddRange(["401", "403"]);
            }
            if (!webhook && (post || operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)) codes.Add("400");
            if (path.Contains('{', StringComparison.Ordinal)) codes.Add("404");
            if (!webhook && (post || operation.RequestBody is not null)) codes.Add("413");
            if (HttpMethods.IsPost(method) && path.StartsWith("/api/", StringComparison.Ordinal))
            {
                codes.AddRange(["409", "422"]);
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes a retry safe: the first successful result for this key is stored and replayed (Idempotent-Replayed: true) for 48 h.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                });
            }
            operation.Responses ??= [];
            foreach (var code in codes.Distinct())
            {
                operation.Responses[code] = new OpenApiResponse
                {
                    Description = operation.Responses.TryGetValue(code, out var declared) && !string.IsNullOrEmpty(declared.Description) && declared.Description != "Bad Request"
                        && declared.Description != "Not Found" ? declared.Description : Errors[code],
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemJson] = new() { Schema = new OpenApiSchemaReference(Problem, context.Document) },
                    },
                };
            }
            return Task.CompletedTask;
        });
        return options;
    }

    private static string WebhookDescription(string path, IServiceProvider services)
    {
        if (path.StartsWith("/webhooks/shopify", StringComparison.Ordinal))
        {
            return "Shopify `orders/create` (other topics are acknowledged and ignored). Verified before anything is read: the " +
                "`X-Shopify-Hmac-SHA256` header must be the **base64**-encoded HMAC-SHA256 of the **raw body** (the exact bytes received, " +
                "before any JSON parsing), keyed with the app's client secret (`Channels:Shopify:WebhookSecret`); compared in constant time. " +
                "A missing or wrong signature gets 401 and changes nothing. The topic comes from `X-Shopify-Topic`; a redelivery (same " +
                "`X-Shopify-Event-Id`) or a replay creates no second order and is answered 200.";
        }
        var header = services.GetService<IOptions<LightspeedOptions>>()?.Value.SignatureHeaderName ?? "X-Signature";
        return "Lightspeed Retail (X-Series) `sale.update` and `inventory.update`, form-encoded (`type`, `payload`, `domain_prefix`). Verified " +
            $"before anything is read: the `{header}` header (name configurable as `Channels:Lightspeed:SignatureHeaderName`, default " +
            "X-Signature) reads `signature=<hex>, algorithm=HMAC-SHA256`, where `<hex>` is the lower- or upper-case **hex** HMAC-SHA256 of the " +
            "**raw body** keyed with the client secret (`Channels:Lightspeed:WebhookSecret`); a bare hex value is accepted too. Compared in " +
            "constant time; a missing or wrong signature gets 401 and changes nothing. A closed sale becomes a completed store sale and its " +
            "stock movements, once per sale id (duplicates are answered 200 with outcome `duplicate or not a closed sale`).";
    }
}
