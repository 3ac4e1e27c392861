using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Overal.Channels.Auth;

namespace Overal.Channels.Bol.Internal;

/// <summary>
/// bol's client-credentials token, reused until 15 s before it expires: bol blocks clients that ask for tokens too
/// often, so a token request per call is never acceptable.
/// </summary>
internal static class BolTokenCache
{
    public static AccessTokenCache Create(HttpClient http, BolAdapterOptions options, TimeProvider time) =>
        new(cancellationToken => FetchAsync(http, options, cancellationToken), TimeSpan.FromSeconds(15), time);

    private static async Task<OAuthTokenResponse> FetchAsync(HttpClient http, BolAdapterOptions options, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
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
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"bol refused the client credentials ({(int)response.StatusCode}).");
            return await response.Content.ReadFromJsonAsync<OAuthTokenResponse>(cancellationToken)
                ?? throw new BolUnavailableException("empty token response", null);
        }
    }
}
