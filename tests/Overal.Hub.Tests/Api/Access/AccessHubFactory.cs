using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;
using Overal.Hub.Auth;
using Overal.Hub.Channels;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Api.Access;

/// <summary>
/// The hub with one API key per role (store staff bound to <see cref="StoreA"/>) and the demo-traffic switch mapped
/// (its settings only; no simulators and no traffic run), so every /api endpoint can be called by every role.
/// </summary>
public class AccessHubFactory(DatabaseProvider provider) : HubFactory(provider)
{
    public const string StoreA = "store-amsterdam";
    public const string StoreB = "store-rotterdam";

    public static readonly IReadOnlyDictionary<string, (string Role, string? Location)> Keys = new Dictionary<string, (string, string?)>
    {
        ["access-operations"] = ("operations", null),
        ["access-store-staff"] = ("store_staff", StoreA),
        ["access-read-only"] = ("read_only", null),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, (role, location)) in Keys)
        {
            builder.UseSetting($"Auth:ApiKeys:{key}:Hash", ApiKeyAuthenticationHandler.Hash(key));
            builder.UseSetting($"Auth:ApiKeys:{key}:Role", role);
            if (location is not null) builder.UseSetting($"Auth:ApiKeys:{key}:Location", location);
        }
        builder.ConfigureTestServices(services => services.AddSingleton<DemoTrafficSettings>());
    }

    /// <summary>A client for the key (null: no key at all).</summary>
    public HttpClient ClientFor(string? key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(TestApiKey.Header);
        if (key is not null) client.DefaultRequestHeaders.Add(TestApiKey.Header, key);
        return client;
    }
}

public sealed class SqliteAccessHub() : AccessHubFactory(DatabaseProvider.Sqlite);

public sealed class PostgresAccessHub() : AccessHubFactory(DatabaseProvider.Postgres);
