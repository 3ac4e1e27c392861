using System.Text.Json;
using System.Text.Json.Serialization;
using Overal.Core;
using Overal.Core.Persistence;
using Overal.Hub.Api.Catalog;
using Overal.Hub.Api.Errors;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Reservations;
using Overal.Hub.Api.Stock;
using Overal.Hub.Api.Sync;
using Overal.Core.Sync;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOveralCore(builder.Configuration);
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

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestSizeLimit(builder.Configuration.GetValue("Api:MaxBodyBytes", 256 * 1024L));
app.UseMiddleware<IdempotencyMiddleware>();

app.MapOpenApi();
app.MapScalarApiReference("/api/reference");
app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.MapCatalogEndpoints();
app.MapStockEndpoints();
app.MapReservationEndpoints();
app.MapSyncEndpoints();
app.MapPrometheusScrapingEndpoint("/metrics");

await app.RunAsync();

/// <summary>The hub's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
