using System.Text.Json;
using System.Text.Json.Serialization;
using Overal.Core;
using Overal.Core.Persistence;
using Overal.Hub.Api.Catalog;
using Overal.Hub.Api.Errors;
using Overal.Hub.Api.Idempotency;
using Overal.Hub.Api.Orders;
using Overal.Hub.Api.Reservations;
using Overal.Hub.Api.Stock;
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
app.MapOrderEndpoints();
app.MapPromiseEndpoints();

await app.RunAsync();

/// <summary>The hub's entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
