using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Overal.Core.Seeding;

namespace Overal.Core.Persistence;

/// <summary>Applies migrations and seeds demo data at start-up, as configured.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DatabaseOptions>();
        var configuration = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (options.SeedDemoData)
        {
            var styles = configuration.GetValue("Demo:Styles", 300);
            var started = DateTime.UtcNow;
            if (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(styles, cancellationToken))
            {
                logger.LogInformation("Seeded the reference customer with {Styles} styles in {Seconds:F1} s", styles, (DateTime.UtcNow - started).TotalSeconds);
            }
        }
    }
}
