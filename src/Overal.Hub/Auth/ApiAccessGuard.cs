namespace Overal.Hub.Auth;

/// <summary>
/// Fails closed: an endpoint under <c>/api</c> that declares no <see cref="ApiAccess"/> rule answers 403 whatever its
/// other metadata says, so a route added without thinking about who may call it is never open.
/// </summary>
public static class ApiAccessGuard
{
    public static IApplicationBuilder UseApiAccessGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<ApiAccess>() is null)
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: $"'{endpoint.DisplayName}' declares no access rule, so nobody may call it.", instance: context.Request.Path).ExecuteAsync(context);
                return;
            }
            await next(context);
        });
}
