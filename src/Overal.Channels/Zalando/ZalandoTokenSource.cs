using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Overal.Channels.Zalando;

/// <summary>
/// Client-credentials tokens, reused until shortly before they expire. Token requests are capped at the contract's
/// 8 per minute: when the cap is reached no request is sent and the caller reports RetryLater.
/// </summary>
internal sealed class ZalandoTokenSource(ZalandoOptions options, TimeProvider time)
{
    private readonly SemaphoreSlim _single = new(1, 1);
    private readonly Queue<DateTimeOffset> _requests = new();
    private string? _token;
    private DateTimeOffset _expiresAt;

    public async Task<string> GetAsync(HttpClient http, CancellationToken cancellationToken)
    {
        await _single.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_token is not null && now < _expiresAt) return _token;

            while (_requests.Count > 0 && _requests.Peek() <= now - options.TokenWindow) _requests.Dequeue();
            if (_requests.Count >= options.TokenRequestsPerWindow)
            {
                throw new ZalandoUnavailableException("token request limit reached", _requests.Peek() + options.TokenWindow - now);
            }
            _requests.Enqueue(now);

            using var request = new HttpRequestMessage(HttpMethod.Post, "auth/token")
            {
                Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ClientId + ":" + options.ClientSecret)));
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ZalandoUnavailableException(
                    $"token request failed: {(int)response.StatusCode}",
                    response.StatusCode == HttpStatusCode.TooManyRequests ? ZalandoResponses.RetryAfter(response, time) : null);
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            _token = document.RootElement.GetProperty("access_token").GetString();
            var lifetime = TimeSpan.FromSeconds(document.RootElement.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 3600);
            // Renew early so a token never expires between our check and Zalando's.
            _expiresAt = time.GetUtcNow() + lifetime - TimeSpan.FromSeconds(Math.Min(60, lifetime.TotalSeconds / 10));
            return _token!;
        }
        finally
        {
            _single.Release();
        }
    }

    /// <summary>Forgets a token the API refused (401), so the next call fetches a new one.</summary>
    public void Invalidate(string token)
    {
        if (_token == token) _token = null;
    }
}
