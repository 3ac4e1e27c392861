using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Overal.Channels.Amazon.Internal;

/// <summary>Login with Amazon refresh-token flow; the access token (1 h) is reused until shortly before it expires.</summary>
internal sealed class LwaTokenCache(HttpClient http, AmazonAdapterOptions options, TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _single = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    public int Requests { get; private set; }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < _expiresAt) return cached;
        await _single.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && time.GetUtcNow() < _expiresAt) return again;
            Requests++;
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
                var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                    ?? throw new AmazonUnavailableException("empty LWA response", null);
                _token = body.AccessToken;
                _expiresAt = time.GetUtcNow().AddSeconds(body.ExpiresIn) - Margin;
                return body.AccessToken;
            }
        }
        finally
        {
            _single.Release();
        }
    }

    public void Invalidate(string token)
    {
        if (_token == token) _token = null;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
