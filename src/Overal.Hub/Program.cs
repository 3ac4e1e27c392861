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
using Overal.Hub.Api.Catalog;
using Overal.Hub.Api.Demo;
using Overal.Hub.Api.Errors;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Orders;
using Overal.Hub.Api.Reservations;
using Overal.Hub.Api.Stock;
using Overal.Hub.Api.Sync;
using Overal.Hub.Channels;
using Overal.Hub.Webhooks.Lightspeed;
using Overal.Hub.Webhooks.Shopify;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

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
builder.Services.AddOpenApi();
builder.Services.AddHostedService<IdempotencyJanitor>();
builder.Services.AddHealthChecks();
builder.Services.AddOpenTelemetry()
    .WithMetrics(metrics => metrics
        .AddMeter(PropagationLatency.MeterName)
        .AddAspNetCoreInstrumentation()
        .AddPrometheusExporter());

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services, app.Lifetime.ApplicationStopping);
await B2bCatalog.ListAsync(app.Services, app.Lifetime.ApplicationStopping);
if (app.Services.GetService<DemoSimulators>() is { } simulators)
{
    await simulators.SeedFromHubAsync(app.Services, app.Lifetime.ApplicationStopping);
    app.Lifetime.ApplicationStarted.Register(() =>
    {
        // The simulators post webhooks to the hub's own first address (none under an in-memory test server).
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null) simulators.DeliverWebhooksTo(new Uri(address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://[::]", "://127.0.0.1").TrimEnd('/') + "/"));
    });
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestSizeLimit(builder.Configuration.GetValue("Api:MaxBodyBytes", 256 * 1024L));
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference("/api/reference");
app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.MapPrometheusScrapingEndpoint("/metrics");
app.MapCatalogEndpoints();
app.MapStockEndpoints();
app.MapReservationEndpoints();
app.MapSyncEndpoints();
app.MapOrderEndpoints();
app.MapPromiseEndpoints();
if (app.Services.GetService<DemoTrafficSettings>() is not null) app.MapDemoEndpoints();
if (app.Services.GetService<LightspeedWebhookVerifier>() is not null) app.MapLightspeedWebhooks();
if (app.Services.GetService<ShopifyWebhookVerifier>() is not null) app.MapShopifyWebhooks();

await app.RunAsync();

/// <summary>The hub's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
