using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// One client-credentials token at a time, reused until shortly before it expires: bol blocks clients that ask for
/// tokens too often, so a token request per call is never acceptable.
/// </summary>
internal sealed class BolTokenCache(HttpClient http, BolAdapterOptions options, TimeProvider time)
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);
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
            using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            Requests++;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new BolUnavailableException("bol token endpoint unreachable", null, e);
            }
            using (response)
            {
                if ((int)response.StatusCode == 429 || (int)response.StatusCode >= 500)
                {
                    throw new BolUnavailableException($"bol token endpoint answered {(int)response.StatusCode}", BolRequestGate.RetryAfter(response));
                }
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"bol refused the client credentials ({(int)response.StatusCode}).");
                }
                var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                    ?? throw new BolUnavailableException("empty token response", null);
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

    /// <summary>Drops the token after a 401 so the next call fetches a fresh one.</summary>
    public void Invalidate(string token)
    {
        if (_token == token) _token = null;
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
