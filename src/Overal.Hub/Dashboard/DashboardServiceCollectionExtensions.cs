using MudBlazor.Services;
using Overal.Hub.Dashboard.Data;

namespace Overal.Hub.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<DashboardText>();
        services.AddSingleton<DashboardData>();
        services.AddSingleton<ChannelData>();
        services.AddSingleton<OrderData>();
        services.AddSingleton<OrderStats>();
        return services;
    }

    /// <summary>The dashboard at /dashboard (pages carry [Authorize]; the login page and static files are public).</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
