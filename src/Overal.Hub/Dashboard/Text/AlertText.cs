using Overal.Core.Alerts;

namespace Overal.Hub.Dashboard;

/// <summary>The English text key (looked up in <see cref="DashboardText"/>) of each kind of alert, shown as its title.</summary>
public static class AlertText
{
    public static string Title(AlertKind kind) => kind switch
    {
        AlertKind.SyncLatency => "Stock reaches the channel too slowly",
        AlertKind.ChannelErrors => "Calls to the channel fail",
        AlertKind.CircuitOpen => "Channel paused after repeated failures",
        AlertKind.DeadLetters => "Stock updates given up",
        AlertKind.LowStock => "Low sellable stock",
        AlertKind.UnusualSales => "Unusual sales",
        _ => kind.ToString(),
    };
}
