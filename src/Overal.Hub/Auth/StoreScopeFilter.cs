namespace Overal.Hub.Auth;

/// <summary>
/// The one store check for the API: runs before a store-bound handler and refuses store staff (403) when the call
/// acts anywhere but their own store, so the handler, and every change it would make, never runs.
/// </summary>
internal sealed class StoreScopeFilter(StoreResolver resolve) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        if (StoreAccess.IsBoundToStore(user, out var own))
        {
            StoreAccess.EnsureMayActAt(own, await resolve(context));
        }
        return await next(context);
    }
}
