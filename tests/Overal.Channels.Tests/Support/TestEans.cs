namespace Overal.Channels.Tests.Support;

/// <summary>Valid EAN-13s (with check digit) for seeded test listings.</summary>
public static class TestEans
{
    public static string For(int n)
    {
        var body = "871" + n.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var sum = body.Select((c, i) => (c - '0') * (i % 2 == 0 ? 1 : 3)).Sum();
        return body + ((10 - sum % 10) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
