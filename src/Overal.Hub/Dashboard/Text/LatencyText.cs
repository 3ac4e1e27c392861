using System.Globalization;

namespace Overal.Hub.Dashboard;

/// <summary>A latency as people read it: "850 ms" below a second, "1.2 s" (Dutch "1,2 s") from a second on.</summary>
public static class LatencyText
{
    public static string Format(double? milliseconds) => milliseconds switch
    {
        null => "–",
        < 999.5 => $"{Math.Max(0, milliseconds.Value).ToString("F0", CultureInfo.CurrentCulture)} ms",
        _ => $"{(milliseconds.Value / 1000).ToString("0.0", CultureInfo.CurrentCulture)} s",
    };
}
