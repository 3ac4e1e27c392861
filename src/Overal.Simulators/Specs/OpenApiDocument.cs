using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Overal.Simulators.Specs;

/// <summary>
/// One official API description (OpenAPI 3 or Swagger 2) loaded at startup: finds the operation for a method and
/// path and checks its parameters, media types and JSON body. Paths are matched as the spec writes them
/// (e.g. <c>/retailer/offers/{offer-id}/stock</c>), so the caller strips its own simulator prefix first.
/// </summary>
public sealed class OpenApiDocument
{
    private readonly List<SpecOperation> _operations = [];
    private readonly bool _isSwagger2;

    private OpenApiDocument(JsonNode root)
    {
        Schemas = new JsonSchemaValidator(root);
        _isSwagger2 = root["swagger"] is not null;
        var globalConsumes = Strings(root["consumes"]);
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            if (item is not JsonObject pathItem) continue;
            var shared = pathItem["parameters"] as JsonArray;
            foreach (var (method, op) in pathItem)
            {
                if (op is not JsonObject operation || method is "parameters" or "summary" or "description" or "servers") continue;
                var parameters = new List<JsonObject>();
                foreach (var p in (shared ?? []).Concat(operation["parameters"] as JsonArray ?? []))
                {
                    if (p is not null && Schemas.Resolve(p) is JsonObject resolved) parameters.Add(resolved);
                }
                _operations.Add(new SpecOperation(
                    method.ToUpperInvariant(), path, operation["operationId"]?.GetValue<string>() ?? method + " " + path,
                    TemplateRegex(path), parameters, operation,
                    operation["consumes"] is JsonArray c ? Strings(c) : globalConsumes));
            }
        }
        // Literal segments beat templates: /retailer/orders/cancellation must not match /retailer/orders/{order-id}.
        _operations.Sort((a, b) => b.Path.Count(ch => ch != '{').CompareTo(a.Path.Count(ch => ch != '{')));
    }

    public JsonSchemaValidator Schemas { get; }

    public static OpenApiDocument Load(string file) => new(JsonNode.Parse(File.ReadAllText(file))!);

    public SpecOperation? Find(string method, string path) =>
        _operations.FirstOrDefault(o => o.Method == method.ToUpperInvariant() && o.Matcher.IsMatch(path));

    /// <summary>All violations of one request; an unknown operation is reported as a single violation.</summary>
    public IReadOnlyList<SpecViolation> Validate(SpecRequest request)
    {
        var operation = Find(request.Method, request.Path);
        if (operation is null) return [new SpecViolation("path", $"No operation {request.Method} {request.Path} in the spec.")];
        var violations = new List<SpecViolation>();
        var match = operation.Matcher.Match(request.Path);
        foreach (var parameter in operation.Parameters)
        {
            var name = parameter["name"]!.GetValue<string>();
            switch (parameter["in"]?.GetValue<string>())
            {
                case "path":
                    CheckScalar(parameter, name, Uri.UnescapeDataString(match.Groups[GroupName(name)].Value), violations);
                    break;
                case "query":
                    CheckQuery(parameter, name, request.Query.TryGetValue(name, out var values) ? values : StringValues.Empty, violations);
                    break;
                case "body":
                    CheckBody(parameter["schema"], parameter["required"]?.GetValue<bool>() == true, operation.Consumes, request, violations);
                    break;
            }
        }
        if (!_isSwagger2)
        {
            if (operation.Operation["requestBody"] is JsonObject body)
            {
                var content = body["content"] as JsonObject ?? [];
                var mediaType = MediaType(request.ContentType);
                var schema = mediaType is not null && content[mediaType] is JsonObject media ? media["schema"] : content.FirstOrDefault().Value?["schema"];
                CheckBody(schema, body["required"]?.GetValue<bool>() == true, [.. content.Select(c => c.Key)], request, violations);
            }
            CheckAccept(operation, request.Accept, violations);
        }
        return violations;
    }

    private void CheckBody(JsonNode? schema, bool required, IReadOnlyList<string> consumes, SpecRequest request, List<SpecViolation> violations)
    {
        if (string.IsNullOrWhiteSpace(request.Body))
        {
            if (required) violations.Add(new("body", "Request body is required."));
            return;
        }
        var mediaType = MediaType(request.ContentType);
        if (consumes.Count > 0 && (mediaType is null || !consumes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)))
        {
            violations.Add(new("Content-Type", $"Content type '{request.ContentType}' is not supported, use {string.Join(" or ", consumes)}.", SpecViolationKind.ContentType));
            return;
        }
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(request.Body);
        }
        catch (JsonException e)
        {
            violations.Add(new("body", "Request body is not valid JSON: " + e.Message));
            return;
        }
        if (schema is not null) violations.AddRange(Schemas.Validate(json, schema, ""));
    }

    private static void CheckAccept(SpecOperation operation, string? accept, List<SpecViolation> violations)
    {
        var produced = (operation.Operation["responses"] as JsonObject ?? [])
            .Where(r => r.Key.StartsWith('2') && r.Value?["content"] is JsonObject)
            .SelectMany(r => r.Value!["content"]!.AsObject().Select(c => c.Key))
            .Distinct().ToList();
        if (produced.Count == 0) return;
        var wanted = (accept ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(MediaType).ToList();
        if (!wanted.Any(w => w is not null && produced.Contains(w, StringComparer.OrdinalIgnoreCase)))
        {
            violations.Add(new("Accept", $"Accept '{accept}' is not supported, use {string.Join(" or ", produced)}.", SpecViolationKind.Accept));
        }
    }

    private void CheckQuery(JsonObject parameter, string name, StringValues values, List<SpecViolation> violations)
    {
        var required = parameter["required"]?.GetValue<bool>() == true;
        if (values.Count == 0 || values.All(string.IsNullOrEmpty))
        {
            if (required) violations.Add(new(name, "Query parameter is required."));
            return;
        }
        var schema = (parameter["schema"] as JsonObject) ?? parameter;
        if (Schemas.Resolve(schema)["type"]?.GetValue<string>() == "array")
        {
            var items = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var itemSchema = Schemas.Resolve(schema)["items"];
            var array = new JsonArray([.. items.Select(i => itemSchema is null ? JsonValue.Create(i) : ToNode(Schemas.Resolve(itemSchema), i))]);
            violations.AddRange(Schemas.Validate(array, schema, name));
            return;
        }
        CheckScalar(parameter, name, values[^1] ?? "", violations);
    }

    private void CheckScalar(JsonObject parameter, string name, string raw, List<SpecViolation> violations)
    {
        var schema = Schemas.Resolve((parameter["schema"] as JsonObject) ?? parameter);
        var node = ToNode(schema, raw);
        if (node is null)
        {
            violations.Add(new(name, $"Request contains an invalid value '{raw}', expected type {schema["type"]}."));
            return;
        }
        violations.AddRange(Schemas.Validate(node, schema, name));
    }

    /// <summary>Turns a raw parameter into the JSON value its schema type means; null when it cannot be one.</summary>
    private static JsonNode? ToNode(JsonNode schema, string raw)
    {
        switch (schema["type"]?.GetValue<string>())
        {
            case "integer" or "number":
                try { return JsonNode.Parse(raw) is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v : null; }
                catch (JsonException) { return null; }
            case "boolean":
                return raw is "true" or "false" ? JsonValue.Create(raw == "true") : null;
            default:
                return JsonValue.Create(raw);
        }
    }

    private static string? MediaType(string? header) =>
        string.IsNullOrWhiteSpace(header) ? null : header.Split(';')[0].Trim().ToLowerInvariant();

    private static List<string> Strings(JsonNode? node) => node is JsonArray a ? [.. a.Select(x => x!.GetValue<string>())] : [];

    private static string GroupName(string parameter) => "p" + Regex.Replace(parameter, "[^A-Za-z0-9]", "_");

    private static Regex TemplateRegex(string template)
    {
        var pattern = Regex.Replace(Regex.Escape(template), @"\\\{([^}]+)}", m => $"(?<{GroupName(m.Groups[1].Value)}>[^/]+)");
        return new Regex("^" + pattern + "/?$", RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }
}
