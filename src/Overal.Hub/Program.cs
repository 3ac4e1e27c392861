using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using OpenTelemetry.Metrics;
using Overal.Channels.Lightspeed;
using Overal.Channels.Shopify;
using Overal.Core;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Alerts;
using Overal.Hub.Api.Catalog;
using Overal.Hub.Api.Demo;
using Overal.Hub.Api.Errors;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Input;
using Overal.Hub.Api.Orders;
using Overal.Hub.Api.Reservations;
using Overal.Hub.Api.Security;
using Overal.Hub.Api.Stock;
using Overal.Hub.Api.Sync;
using Overal.Hub.Auth;
using Overal.Hub.Channels;
using Overal.Hub.Cli;
using Overal.Hub.Dashboard;
using Overal.Hub.OpenApi;
using Overal.Hub.Webhooks.Lightspeed;
using Overal.Hub.Webhooks.Shopify;
using Scalar.AspNetCore;

// `create-admin …` and `reconcile <channel>|all` run against the configured database and exit (see Auth/, Cli/).
var command = args is [CreateAdminCommand.Name or ReconcileCommand.Name, ..] ? args : null;
var builder = WebApplication.CreateBuilder(command is null ? args : []);

builder.Services.AddOveralCore();
builder.Services.AddHubChannels(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<HubExceptionHandler>();
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
});
builder.Services.AddOpenApi(o => o.AddHubDocumentation());
builder.Services.AddHubAuth();
builder.Services.AddDashboard();
builder.Services.AddAlerts(builder.Configuration);
builder.Services.AddHostedService<IdempotencyJanitor>();
builder.Services.AddHealthChecks();
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics
        .AddMeter(PropagationLatency.MeterName)
        .AddAspNetCoreInstrumentation()
        .AddPrometheusExporter());

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
if (command is [CreateAdminCommand.Name, ..]) return await CreateAdminCommand.RunAsync(app.Services, command, app.Lifetime.ApplicationStopping);
if (command is [ReconcileCommand.Name, ..]) return await ReconcileCommand.RunAsync(app.Services, command, app.Lifetime.ApplicationStopping);
await AdminBootstrap.EnsureAsync(app.Services, app.Lifetime.ApplicationStopping);
await B2bCatalog.ListAsync(app.Services, app.Lifetime.ApplicationStopping);
if (app.Services.GetService<DemoSimulators>() is { } simulators)
{
    await simulators.SeedFromHubAsync(app.Services, app.Lifetime.ApplicationStopping);
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        // The simulators post webhooks to the hub's own first address (none under an in-memory test server).
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        // Wildcards and "localhost" become 127.0.0.1: .NET tries ::1 first for localhost, and where IPv6 is dropped
        // rather than refused every webhook would wait for its timeout.
        if (address is not null) simulators.DeliverWebhooksTo(new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://[::]", "://127.0.0.1").Replace("://localhost", "://127.0.0.1").TrimEnd('/') + "/"));
    });
}

app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestSizeLimit(builder.Configuration.GetValue("Api:MaxBodyBytes", 256 * 1024L));
app.UseRequestLocalization(DashboardCultures.Localization);
app.UseAuthentication();
app.UseApiAccessGuard();
app.UseAuthorization();
app.UseAntiforgery();
// After authentication, so a refused request is never stored as an idempotent result.
app.UseMiddleware<IdempotencyMiddleware>();

// Public on purpose: the API description and its reference page hold no data.
app.MapOpenApi().AllowAnonymous();
// Scalar's default fonts come from its CDN, which the CSP (Api/Security) does not allow: the page uses system fonts.
app.MapScalarApiReference("/api/reference", o => o.DisableDefaultFonts()).RequirePublicAccess();
app.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription().AllowAnonymous();
app.MapHealthChecks("/health/live").AllowAnonymous();
app.MapHealthChecks("/health/ready").AllowAnonymous();
var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
if (app.Configuration.GetValue("Auth:PublicMetrics", true)) metrics.AllowAnonymous();
app.MapAccountEndpoints();
app.MapDashboard();
// Every API handler's text input is checked (control characters, column lengths) before it runs.
var api = app.MapGroup("").AddEndpointFilter<TextInputFilter>();
api.MapCatalogEndpoints();
api.MapStockEndpoints();
api.MapReservationEndpoints();
api.MapSyncEndpoints();
api.MapOrderEndpoints();
api.MapOrderStatsEndpoints();
api.MapPromiseEndpoints();
api.MapAlertEndpoints();
if (app.Services.GetService<DemoTrafficSettings>() is not null) api.MapDemoEndpoints();
// Webhooks authenticate by their channel's signature, not by session or key.
if (app.Services.GetService<LightspeedWebhookVerifier>() is not null) app.MapGroup("").AllowAnonymous().MapLightspeedWebhooks();
if (app.Services.GetService<ShopifyWebhookVerifier>() is not null) app.MapGroup("").AllowAnonymous().MapShopifyWebhooks();

await app.RunAsync();
return 0;

/// <summary>The hub's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
