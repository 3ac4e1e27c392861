using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Overal.Simulators.Specs;

/// <summary>
/// Validates a JSON value against a schema taken from an OpenAPI 3 / Swagger 2 document or a draft-07 JSON Schema.
/// Written for the keywords these official documents actually use ($ref into the same document, type, nullable /
/// x-nullable, enum, const, required, properties, additionalProperties, min/maxProperties, items, min/maxItems,
/// minimum/maximum, min/maxLength, pattern, format date-time/date, allOf/anyOf/oneOf, boolean schemas), so that a
/// violation is named the way bol names it (<c>pricing.bundlePrices[0].quantity</c>).
/// </summary>
public sealed class JsonSchemaValidator(JsonNode root)
{
    private static readonly ConcurrentDictionary<string, Regex> Patterns = new();

    public JsonNode Root { get; } = root;

    public IReadOnlyList<SpecViolation> Validate(JsonNode? value, JsonNode schema, string name)
    {
        var violations = new List<SpecViolation>();
        Check(value, schema, name, violations, 0);
        return violations;
    }

    /// <summary>Follows a local "#/a/b" reference.</summary>
    public JsonNode Resolve(JsonNode schema)
    {
        for (var hops = 0; hops < 32 && schema is JsonObject o && o["$ref"] is JsonValue r; hops++)
        {
            var pointer = r.GetValue<string>();
            if (!pointer.StartsWith('#')) throw new NotSupportedException($"Only local $ref is supported, got '{pointer}'.");
            JsonNode? node = Root;
            foreach (var part in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
            schema = node ?? throw new InvalidOperationException($"Unresolvable $ref '{pointer}'.");
        }
        return schema;
    }

    private void Check(JsonNode? value, JsonNode schemaNode, string name, List<SpecViolation> errors, int depth)
    {
        if (depth > 64) return;
        var schemaResolved = Resolve(schemaNode);
        if (schemaResolved is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed) errors.Add(new(name, "Field is not allowed here."));
            return;
        }
        if (schemaResolved is not JsonObject schema) return;

        if (value is null)
        {
            var nullable = schema["nullable"]?.GetValue<bool>() == true || schema["x-nullable"]?.GetValue<bool>() == true;
            if (!nullable && schema["type"] is not null) errors.Add(new(name, "Request contains a null value where a value is required."));
            return;
        }

        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf) if (part is not null) Check(value, part, name, errors, depth + 1);
        }
        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(p => p is not null && Passes(value, p, name, depth)))
        {
            errors.Add(new(name, "Value matches none of the allowed shapes."));
        }
        if (schema["oneOf"] is JsonArray oneOf && oneOf.Count(p => p is not null && Passes(value, p, name, depth)) != 1)
        {
            errors.Add(new(name, "Value must match exactly one of the allowed shapes."));
        }

        if (schema["type"] is JsonValue typeNode && !HasType(value, typeNode.GetValue<string>()))
        {
            errors.Add(new(name, $"Request contains an invalid value, expected type {typeNode.GetValue<string>()}."));
            return;
        }
        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            errors.Add(new(name, $"Request contains invalid value(s): '{Show(value)}', allowed value: {Show(constant)}."));
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add(new(name, $"Request contains invalid value(s): '{Show(value)}', allowed values: {string.Join(", ", options.Select(Show))}."));
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.Object:
                CheckObject(value.AsObject(), schema, name, errors, depth);
                break;
            case JsonValueKind.Array:
                CheckArray(value.AsArray(), schema, name, errors, depth);
                break;
            case JsonValueKind.Number:
                CheckNumber(value, schema, name, errors);
                break;
            case JsonValueKind.String:
                CheckString(value.GetValue<string>(), schema, name, errors);
                break;
        }
    }

    private bool Passes(JsonNode value, JsonNode schema, string name, int depth)
    {
        var scratch = new List<SpecViolation>();
        Check(value, schema, name, scratch, depth + 1);
        return scratch.Count == 0;
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string name, List<SpecViolation> errors, int depth)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var r in required)
            {
                var key = r!.GetValue<string>();
                if (!obj.ContainsKey(key)) errors.Add(new(Join(name, key), "Field is required."));
            }
        }
        if (schema["minProperties"] is JsonValue minP && obj.Count < minP.GetValue<int>())
        {
            errors.Add(new(name, $"Must have at least {minP.GetValue<int>()} properties."));
        }
        if (schema["maxProperties"] is JsonValue maxP && obj.Count > maxP.GetValue<int>())
        {
            errors.Add(new(name, $"Must have at most {maxP.GetValue<int>()} properties."));
        }
        foreach (var (key, child) in obj)
        {
            if (properties?[key] is { } propertySchema)
            {
                Check(child, propertySchema, Join(name, key), errors, depth + 1);
            }
            else if (schema["additionalProperties"] is { } additional)
            {
                Check(child, additional, Join(name, key), errors, depth + 1);
            }
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string name, List<SpecViolation> errors, int depth)
    {
        if (schema["minItems"] is JsonValue min && array.Count < min.GetValue<int>())
        {
            errors.Add(new(name, $"Size must be at least {min.GetValue<int>()}."));
        }
        if (schema["maxItems"] is JsonValue max && array.Count > max.GetValue<int>())
        {
            errors.Add(new(name, $"Size must be at most {max.GetValue<int>()}."));
        }
        if (schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{name}[{i}]", errors, depth + 1);
        }
    }

    private static void CheckNumber(JsonNode value, JsonObject schema, string name, List<SpecViolation> errors)
    {
        var number = value.GetValue<double>();
        if (schema["minimum"] is JsonValue min && number < min.GetValue<double>())
        {
            errors.Add(new(name, $"Must be greater than or equal to {Show(min)}."));
        }
        if (schema["maximum"] is JsonValue max && number > max.GetValue<double>())
        {
            errors.Add(new(name, $"Must be less than or equal to {Show(max)}."));
        }
    }

    private static void CheckString(string text, JsonObject schema, string name, List<SpecViolation> errors)
    {
        if (schema["minLength"] is JsonValue min && text.Length < min.GetValue<int>())
        {
            errors.Add(new(name, $"Length must be at least {min.GetValue<int>()}."));
        }
        if (schema["maxLength"] is JsonValue max && text.Length > max.GetValue<int>())
        {
            errors.Add(new(name, $"Length must be at most {max.GetValue<int>()}."));
        }
        if (schema["pattern"] is JsonValue pattern)
        {
            var regex = Patterns.GetOrAdd(pattern.GetValue<string>(), p => new Regex(p, RegexOptions.None, TimeSpan.FromSeconds(1)));
            if (!regex.IsMatch(text)) errors.Add(new(name, $"Must match \"{pattern.GetValue<string>()}\"."));
        }
        var format = schema["format"]?.GetValue<string>();
        if (format == "date-time" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add(new(name, "Must be an ISO 8601 date-time."));
        }
        if (format == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            errors.Add(new(name, "Must be a date (yyyy-MM-dd)."));
        }
    }

    /// <summary>Whether a JSON value has a schema type; integer means a number without a fraction.</summary>
    public static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Math.Floor(value.GetValue<double>()) == value.GetValue<double>(),
        _ => false,
    };

    private static string Join(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    private static string Show(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
