using System.Security.Cryptography;
using System.Text;

namespace Overal.Channels.Lightspeed;

/// <summary>
/// Checks an X-Series webhook before anything else is done with it. The signature header (name in
/// <see cref="LightspeedOptions.SignatureHeaderName"/>, commonly X-Signature) reads
/// <c>signature=&lt;hex HMAC-SHA256 of the raw body&gt;, algorithm=HMAC-SHA256</c>, keyed with the client secret; a bare
/// hex value is accepted too, since the exact format is UNCONFIRMED. Comparison is constant-time.
/// </summary>
public sealed class LightspeedWebhookVerifier
{
    private readonly byte[] _key;

    public LightspeedWebhookVerifier(string clientSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        _key = Encoding.UTF8.GetBytes(clientSecret);
    }

    /// <summary>True when <paramref name="signatureHeader"/> signs <paramref name="rawBody"/> (the exact bytes received).</summary>
    public bool IsAuthentic(ReadOnlySpan<byte> rawBody, string? signatureHeader)
    {
        if (string.IsNullOrWhiteSpace(signatureHeader)) return false;
        string? hex = null;
        var algorithmOk = true;
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                hex ??= part;
                continue;
            }
            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (name.Equals("signature", StringComparison.OrdinalIgnoreCase)) hex = value;
            else if (name.Equals("algorithm", StringComparison.OrdinalIgnoreCase)) algorithmOk = value.Equals("HMAC-SHA256", StringComparison.OrdinalIgnoreCase);
        }
        if (!algorithmOk || hex is null || hex.Length != HMACSHA256.HashSizeInBytes * 2) return false;
        Span<byte> sent = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, sent, out _, out var written) != System.Buffers.OperationStatus.Done || written != sent.Length) return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, sent);
    }
}
