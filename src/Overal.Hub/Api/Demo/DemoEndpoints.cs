using Microsoft.AspNetCore.Http.HttpResults;
using Overal.Core.Errors;
using Overal.Hub.Auth;
using Overal.Hub.Channels;

namespace Overal.Hub.Api.Demo;

public static class DemoEndpoints
{
    public static IEndpointRouteBuilder MapDemoEndpoints(this IEndpointRouteBuilder routes)
    {
        var demo = routes.MapGroup("/api/demo").WithTags("Demo");
        demo.MapGet("/traffic", GetTraffic).WithName("GetDemoTraffic").RequireAccess(ApiAccess.Read);
        demo.MapPost("/traffic", SetTraffic).WithName("SetDemoTraffic").RequireAccess(ApiAccess.Operate);
        return routes;
    }

    private static Ok<DemoTrafficResponse> GetTraffic(DemoTrafficSettings settings) =>
        TypedResults.Ok(new DemoTrafficResponse(settings.Enabled, settings.SalesPerMinute, settings.OrdersPerMinute));

    private static Ok<DemoTrafficResponse> SetTraffic(DemoTrafficRequest request, DemoTrafficSettings settings)
    {
        if (request.Enabled is null) throw HubException.Invalid("'enabled' is required.");
        if (request.SalesPerMinute is { } rate && (!double.IsFinite(rate) || rate is < 1 or > 6000)) throw HubException.Invalid("'salesPerMinute' must be between 1 and 6000.");
        if (request.OrdersPerMinute is { } orders && (!double.IsFinite(orders) || orders is < 0 or > 600)) throw HubException.Invalid("'ordersPerMinute' must be between 0 and 600.");
        settings.Set(request.Enabled.Value, request.SalesPerMinute, request.OrdersPerMinute);
        return TypedResults.Ok(new DemoTrafficResponse(settings.Enabled, settings.SalesPerMinute, settings.OrdersPerMinute));
    }
}

public sealed record DemoTrafficRequest(bool? Enabled, double? SalesPerMinute, double? OrdersPerMinute);

public sealed record DemoTrafficResponse(bool Enabled, double SalesPerMinute, double OrdersPerMinute);
