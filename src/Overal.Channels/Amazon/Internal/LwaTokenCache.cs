using System.Net.Http.Json;
using Overal.Channels.Auth;

namespace Overal.Channels.Amazon.Internal;

/// <summary>Login with Amazon refresh-token flow; the access token (1 h) is reused until a minute before it expires.</summary>
internal static class LwaTokenCache
{
    public static AccessTokenCache Create(HttpClient http, AmazonAdapterOptions options, TimeProvider time) =>
        new(cancellationToken => FetchAsync(http, options, cancellationToken), TimeSpan.FromMinutes(1), time);

    private static async Task<OAuthTokenResponse> FetchAsync(HttpClient http, AmazonAdapterOptions options, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(options.TokenEndpoint, new FormUrlEncodedContent(
            [
                new("grant_type", "refresh_token"), new("refresh_token", options.RefreshToken),
                new("client_id", options.ClientId), new("client_secret", options.ClientSecret),
            ]), cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new AmazonUnavailableException("LWA unreachable", null, e);
        }
        using (response)
        {
            if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
            {
                throw new AmazonUnavailableException($"LWA answered {(int)response.StatusCode}", TimeSpan.FromSeconds(1));
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"LWA refused the refresh token ({(int)response.StatusCode}).");
            return await response.Content.ReadFromJsonAsync<OAuthTokenResponse>(cancellationToken)
                ?? throw new AmazonUnavailableException("empty LWA response", null);
        }
    }
}
