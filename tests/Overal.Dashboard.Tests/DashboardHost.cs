using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Overal.Hub.Auth;

namespace Overal.Dashboard.Tests;

/// <summary>
/// The hub on a real loopback port (so the browser and the demo simulators' webhooks reach it), on a fresh SQLite
/// file with a small demo catalog. Authenticates like any client: a bootstrap admin for the browser and a test
/// API key (<see cref="ApiKey"/>, configured by its SHA-256 hash) for HTTP calls.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@overal.test";
    public const string AdminPassword = "Admin-Passw0rd!";
    public const string ApiKey = "test-key-0123456789abcdef";
    public const string ReadOnlyKey = "test-readonly-key-0123456789";
    public const string StoreKey = "test-store-rotterdam-key-0123456789";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "overal-dashboard-tests", Guid.CreateVersion7().ToString("N"));

    public Uri BaseAddress { get; private set; } = default!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Overal", $"Data Source={Path.Combine(_folder, "hub.db")}");
        builder.UseSetting("Demo:Styles", "4");
        // A new user finds one order from each of webshop, bol, Amazon and Zalando, polled every 2 s.
        builder.UseSetting("Demo:Orders:OnFirstStart", "4");
        builder.UseSetting("Orders:Polling:Interval", "00:00:02");
        builder.UseSetting("Simulators:Url", "http://127.0.0.1:0");
        builder.UseSetting("Auth:BootstrapAdmin:Email", AdminEmail);
        builder.UseSetting("Auth:BootstrapAdmin:Password", AdminPassword);
        builder.UseSetting("Auth:ApiKeys:tests:Hash", ApiKeyAuthenticationHandler.Hash(ApiKey));
        builder.UseSetting("Auth:ApiKeys:tests:Role", "admin");
        builder.UseSetting("Auth:ApiKeys:viewer:Hash", ApiKeyAuthenticationHandler.Hash(ReadOnlyKey));
        builder.UseSetting("Auth:ApiKeys:viewer:Role", "read_only");
        builder.UseSetting("Auth:ApiKeys:till:Hash", ApiKeyAuthenticationHandler.Hash(StoreKey));
        builder.UseSetting("Auth:ApiKeys:till:Role", "store_staff");
        builder.UseSetting("Auth:ApiKeys:till:Location", "store-rotterdam");
        // Any measured propagation breaks a 1 ms objective, so a latency alert exists as soon as the webshop syncs.
        builder.UseSetting("Alerts:LatencyObjectiveMs", "1");
        builder.UseSetting("Alerts:IntervalSeconds", "0.5");
        this.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public ValueTask InitializeAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return ValueTask.CompletedTask;
    }

    public HttpClient Http(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null) client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, apiKey);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
