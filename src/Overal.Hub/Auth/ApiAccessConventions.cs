namespace Overal.Hub.Auth;

public static class ApiAccessConventions
{
    /// <summary>Declares the endpoint's access rule: its metadata, its role policy and, when store-bound, the store check.</summary>
    public static RouteHandlerBuilder RequireAccess(this RouteHandlerBuilder builder, ApiAccess access)
    {
        builder.WithMetadata(access);
        if (access.Policy is null) builder.AllowAnonymous();
        else builder.RequireAuthorization(access.Policy);
        if (access.Store is not null) builder.AddEndpointFilter(new StoreScopeFilter(access.Store));
        return builder;
    }

    /// <summary>For endpoints a library maps (the API reference page): public, declared so the guard lets them through.</summary>
    public static TBuilder RequirePublicAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ApiAccess.Public).AllowAnonymous();
}
