using Microsoft.AspNetCore.Hosting;
using Overal.Hub.Auth;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>Every /api call needs a session or an API key: test hosts configure this admin key and clients send it.</summary>
public static class TestApiKey
{
    public const string Header = "X-Api-Key";
    public const string Value = "overal-hub-tests-key";

    public static void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:ApiKeys:tests:Hash", ApiKeyAuthenticationHandler.Hash(Value));
        builder.UseSetting("Auth:ApiKeys:tests:Role", "admin");
    }

    public static HttpClient Authorize(HttpClient client)
    {
        client.DefaultRequestHeaders.Remove(Header);
        client.DefaultRequestHeaders.Add(Header, Value);
        return client;
    }
}
