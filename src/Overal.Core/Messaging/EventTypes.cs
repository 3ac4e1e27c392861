using System.Text.Json;
using Overal.Core.Messaging.Events;

namespace Overal.Core.Messaging;

/// <summary>The one table from stable event names to types, used to store and read events as JSON.</summary>
public static class EventTypes
{
    private static readonly Dictionary<string, Type> ByName = new()
    {
        [StockChanged.Name] = typeof(StockChanged),
        [ChannelSyncConfirmed.Name] = typeof(ChannelSyncConfirmed),
        [OrderChanged.Name] = typeof(OrderChanged),
    };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds an event type defined elsewhere (orders, alerts) under its stable name.</summary>
    public static void Register(string name, Type type)
    {
        lock (ByName) ByName[name] = type;
    }

    public static string Serialize(IntegrationEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public static IntegrationEvent Deserialize(string name, string payload)
    {
        Type? type;
        lock (ByName) ByName.TryGetValue(name, out type);
        if (type is null) throw new InvalidOperationException($"Unknown integration event '{name}'.");
        return (IntegrationEvent)(JsonSerializer.Deserialize(payload, type, Json) ?? throw new InvalidOperationException($"Empty payload for '{name}'."));
    }
}
