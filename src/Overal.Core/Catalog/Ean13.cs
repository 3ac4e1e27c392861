namespace Overal.Core.Catalog;

/// <summary>GTIN-13 check digits (GS1 General Specifications §7.9: weights 1 and 3 from the left).</summary>
public static class Ean13
{
    public static bool IsValid(string? ean) =>
        ean is { Length: 13 } && ean.All(char.IsAsciiDigit) && ean[12] - '0' == CheckDigit(ean.AsSpan(0, 12));

    /// <summary>Appends the check digit to a 12-digit body.</summary>
    public static string Complete(string body12)
    {
        if (body12.Length != 12 || !body12.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("An EAN-13 body has 12 digits.", nameof(body12));
        }
        return body12 + (char)('0' + CheckDigit(body12));
    }

    private static int CheckDigit(ReadOnlySpan<char> body12)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (body12[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return (10 - sum % 10) % 10;
    }
}
