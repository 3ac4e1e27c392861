using System.Security.Cryptography;
using System.Text;

namespace Overal.Channels.Shopify;

/// <summary>
/// Checks a Shopify webhook before anything else is done with it: X-Shopify-Hmac-SHA256 must be the base64
/// HMAC-SHA256 of the raw request body (exactly the bytes received, before any parsing), keyed with the app's
/// client secret. Comparison is constant-time.
/// </summary>
public sealed class ShopifyWebhookVerifier
{
    private readonly byte[] _key;

    public ShopifyWebhookVerifier(string appSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        _key = Encoding.UTF8.GetBytes(appSecret);
    }

    /// <summary>True when <paramref name="hmacHeader"/> (the X-Shopify-Hmac-SHA256 value) signs <paramref name="rawBody"/>.</summary>
    public bool IsAuthentic(ReadOnlySpan<byte> rawBody, string? hmacHeader)
    {
        if (string.IsNullOrWhiteSpace(hmacHeader)) return false;
        Span<byte> sent = stackalloc byte[64];
        if (!Convert.TryFromBase64String(hmacHeader.Trim(), sent, out var written) || written != HMACSHA256.HashSizeInBytes) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, sent[..written]);
    }
}
