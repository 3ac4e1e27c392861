using System.Globalization;
using Overal.Hub.Dashboard;

namespace Overal.Hub.Tests.Dashboard;

/// <summary>Latency as people read it, in the dashboard's language.</summary>
public sealed class LatencyTextTests
{
    [Theory]
    [InlineData(null, "en", "–")]
    [InlineData(3.4, "en", "3 ms")]
    [InlineData(850.0, "en", "850 ms")]
    [InlineData(999.4, "en", "999 ms")]
    [InlineData(999.6, "en", "1.0 s")]
    [InlineData(1234.0, "en", "1.2 s")]
    [InlineData(61_000.0, "en", "61.0 s")]
    [InlineData(1234.0, "nl", "1,2 s")]
    public void Latency_reads_in_milliseconds_below_a_second_and_in_seconds_above(double? milliseconds, string culture, string expected)
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            Assert.Equal(expected, LatencyText.Format(milliseconds));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
