using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Errors;
using Overal.Core.Persistence;

namespace Overal.Hub.Api.Input;

/// <summary>
/// Checks every text an API handler receives (route values, query strings and every string in a JSON body) before the
/// handler runs: no control characters (PostgreSQL refuses NUL; the others are never meant), and no longer than the
/// column it is stored in (<see cref="StoredAsAttribute"/>). Either gets a 400 naming the field, never a 500 from the database.
/// </summary>
internal sealed class TextInputFilter : IEndpointFilter
{
    private const int MaxDepth = 6;
    private static readonly ConcurrentDictionary<(Type, string), int?> Lengths = new();

    // Reflection once per handler and per request type, not on every call: holds and stock movements pass through here.
    private static readonly ConcurrentDictionary<MethodInfo, string[]> ParameterNames = new();
    private static readonly ConcurrentDictionary<Type, InputProperty[]> Properties = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var handler = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>();
        var names = handler is null ? [] : ParameterNames.GetOrAdd(handler, m => [.. m.GetParameters().Select(p => p.Name ?? "value")]);
        for (var i = 0; i < context.Arguments.Count; i++)
        {
            Check(context.HttpContext, context.Arguments[i], i < names.Length ? names[i] : "value", null, 0);
        }
        return next(context);
    }

    private static void Check(HttpContext http, object? value, string field, StoredAsAttribute? storedAs, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                CheckText(http, text, field, storedAs);
                return;
            case IEnumerable items when depth > 0:
                var index = 0;
                foreach (var item in items) Check(http, item, $"{field}[{index++}]", null, depth + 1);
                return;
        }
        var type = value.GetType();
        // Only the API's own request records are walked; services, HttpContext and the like are not input.
        if (depth >= MaxDepth || type.Namespace?.StartsWith("Overal.Hub.Api", StringComparison.Ordinal) != true) return;
        foreach (var property in Properties.GetOrAdd(type, InputProperty.Of))
        {
            Check(http, property.Info.GetValue(value), $"{field}.{property.JsonName}", property.StoredAs, depth + 1);
        }
    }

    private sealed record InputProperty(PropertyInfo Info, string JsonName, StoredAsAttribute? StoredAs)
    {
        public static InputProperty[] Of(Type type) =>
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => new InputProperty(p, TextInputFilter.JsonName(p.Name), p.GetCustomAttribute<StoredAsAttribute>())),
        ];
    }

    private static void CheckText(HttpContext http, string text, string field, StoredAsAttribute? storedAs)
    {
        // Line breaks and tabs may stand in free text (a reason); every other control character is refused.
        var bad = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        while (bad >= 0 && text[bad] is '\t' or '\n' or '\r')
        {
            var next = text.AsSpan(bad + 1).IndexOfAnyInRange('\0', '\u001f');
            bad = next < 0 ? -1 : bad + 1 + next;
        }
        if (bad < 0 && text.AsSpan().IndexOfAnyInRange('\u007f', '\u009f') is var c1 && c1 >= 0) bad = c1;
        if (bad >= 0) throw HubException.Invalid($"'{Field(field)}' contains a control character (U+{(int)text[bad]:X4}) at position {bad}.");
        if (storedAs is null) return;
        var max = Lengths.GetOrAdd((storedAs.Entity, storedAs.Property), key =>
            http.RequestServices.GetRequiredService<HubDbContext>().Model.FindEntityType(key.Item1)?.FindProperty(key.Item2)?.GetMaxLength());
        if (max is { } limit && text.Length > limit) throw HubException.Invalid($"'{Field(field)}' is {text.Length} characters long; at most {limit} are allowed.");
    }

    /// <summary>"request.lines[0].sku" → "lines[0].sku": the body parameter's own name is not part of the JSON.</summary>
    private static string Field(string path) => path.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? path[(dot + 1)..] : path;

    private static string JsonName(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
