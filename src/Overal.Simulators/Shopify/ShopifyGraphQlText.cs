using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Overal.Simulators.Shopify;

/// <summary>
/// Just enough reading of a GraphQL document to serve the operations a stock-sync client sends: which root
/// field it calls, argument values (literal or $variable), the @idempotent key. Not a GraphQL engine: the
/// simulator answers each recognised operation with a fixed selection of fields.
/// </summary>
internal static partial class ShopifyGraphQlText
{
    public static bool IsMutation(string query) => MutationKeyword().IsMatch(query);

    /// <summary>True when <paramref name="field"/> is called as a field (followed by arguments or a selection).</summary>
    public static bool Calls(string query, string field) =>
        Regex.IsMatch(query, @"(?<![\w$])" + Regex.Escape(field) + @"\s*[({]");

    /// <summary>The @idempotent(key: ...) value, literal or from a variable; null when the directive is absent.</summary>
    public static string? IdempotencyKey(string query, JsonObject? variables)
    {
        var match = IdempotentDirective().Match(query);
        if (!match.Success) return null;
        if (match.Groups[1].Success) return match.Groups[1].Value;
        return variables?[match.Groups[2].Value]?.GetValue<string>();
    }

    /// <summary>True when <paramref name="field"/> is called with arguments, e.g. nodes(ids: ...) but not a connection's nodes { }.</summary>
    public static bool CallsWithArguments(string query, string field) =>
        Regex.IsMatch(query, @"(?<![\w$])" + Regex.Escape(field) + @"\s*\(");

    /// <summary>An integer argument such as first: 10 or first: $first, searched after <paramref name="afterField"/>.</summary>
    public static int? IntArgument(string query, string afterField, string name, JsonObject? variables)
    {
        var text = After(query, afterField);
        var match = Regex.Match(text, @"\b" + Regex.Escape(name) + @"\s*:\s*(?:(\d+)|\$(\w+))");
        if (!match.Success) return null;
        if (match.Groups[1].Success) return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return variables?[match.Groups[2].Value]?.GetValue<int>();
    }

    /// <summary>A string or list argument such as query: "sku:A" or ids: $ids, as the JSON value it resolves to.</summary>
    public static JsonNode? Argument(string query, string afterField, string name, JsonObject? variables)
    {
        var text = After(query, afterField);
        var match = Regex.Match(text, @"\b" + Regex.Escape(name) + @"\s*:\s*(?:""((?:[^""\\]|\\.)*)""|\$(\w+))");
        if (!match.Success) return null;
        if (match.Groups[1].Success) return JsonValue.Create(Regex.Unescape(match.Groups[1].Value));
        return variables?[match.Groups[2].Value]?.DeepClone();
    }

    /// <summary>Every `first:` in the document (connection sizes), for the cost formula.</summary>
    public static IEnumerable<int> ConnectionSizes(string query, JsonObject? variables)
    {
        foreach (Match m in FirstArgument().Matches(query))
        {
            if (m.Groups[1].Success) yield return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            else if (variables?[m.Groups[2].Value] is JsonValue v && v.TryGetValue<int>(out var n)) yield return n;
        }
    }

    /// <summary>SKUs named in a Shopify search query: sku:ABC, sku:'A B', sku:"A", joined by OR.</summary>
    public static IReadOnlyList<string> SkusInSearch(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return [];
        return [.. SkuTerm().Matches(search).Select(m =>
            m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value)];
    }

    private static string After(string query, string field)
    {
        var at = Regex.Match(query, @"(?<![\w$])" + Regex.Escape(field) + @"\s*[({]");
        return at.Success ? query[at.Index..] : query;
    }

    [GeneratedRegex(@"^\s*(#.*\n\s*)*mutation\b")]
    private static partial Regex MutationKeyword();

    [GeneratedRegex(@"@idempotent\s*\(\s*key\s*:\s*(?:""([^""]*)""|\$(\w+))\s*\)")]
    private static partial Regex IdempotentDirective();

    [GeneratedRegex(@"\bfirst\s*:\s*(?:(\d+)|\$(\w+))")]
    private static partial Regex FirstArgument();

    [GeneratedRegex(@"\bsku:(?:'([^']*)'|""([^""]*)""|([^\s()]+))")]
    private static partial Regex SkuTerm();
}
