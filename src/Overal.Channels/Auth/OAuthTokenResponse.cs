using System.Text.Json.Serialization;

namespace Overal.Channels.Auth;

/// <summary>The two fields of an RFC 6749 §5.1 token response that a cache needs.</summary>
internal sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
