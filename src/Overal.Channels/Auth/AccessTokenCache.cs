namespace Overal.Channels.Auth;

/// <summary>
/// One OAuth access token at a time, reused until <c>margin</c> before it expires and fetched by one caller while the
/// others wait (channels such as bol block clients that ask for tokens too often). How a token is fetched, and how a
/// failure maps to the channel's own exceptions, is the channel's: <paramref name="fetch"/>.
/// </summary>
internal sealed class AccessTokenCache(Func<CancellationToken, Task<OAuthTokenResponse>> fetch, TimeSpan margin, TimeProvider time)
{
    private readonly SemaphoreSlim _single = new(1, 1);
    private string? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>How many tokens were requested (tests check that calls reuse them).</summary>
    public int Requests { get; private set; }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && time.GetUtcNow() < _expiresAt) return cached;
        await _single.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && time.GetUtcNow() < _expiresAt) return again;
            Requests++;
            var body = await fetch(cancellationToken);
            _token = body.AccessToken;
            _expiresAt = time.GetUtcNow().AddSeconds(body.ExpiresIn) - margin;
            return body.AccessToken;
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
}
