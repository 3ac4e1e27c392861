using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Overal.Core.Persistence;

public static class HubDatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "Overal";
    public const string DefaultSqlite = "Data Source=data/overal.db";

    /// <summary>
    /// HubDbContext on the provider named by Database:Provider (Sqlite | Postgres) with ConnectionStrings:Overal,
    /// each with its own migrations assembly.
    /// </summary>
    /// <remarks>Configuration is read when the services are first resolved, not here, so test hosts can override it.</remarks>
    public static IServiceCollection AddHubDatabase(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions());
        services.AddSingleton(sp => new WriteGate(sp.GetRequiredService<DatabaseOptions>().Provider));
        services.AddDbContextPool<HubDbContext>((sp, builder) => Configure(builder, sp.GetRequiredService<DatabaseOptions>().Provider,
            sp.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string? connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultSqlite : connectionString);
                if (Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource)) is { } folder) Directory.CreateDirectory(folder);
                builder.UseSqlite(sqlite.ToString(), o => o.MigrationsAssembly("Overal.Migrations.Sqlite"))
                    .AddInterceptors(new SqlitePragmas());
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Overal is not set.");
                }
                builder.UseNpgsql(WithAutoPrepare(connectionString), o => o.MigrationsAssembly("Overal.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres).");
        }
    }

    /// <summary>Statements the hub keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 20;

    /// <summary>
    /// Every stock change sends the same handful of statements; with automatic preparation PostgreSQL stops parsing
    /// and planning them each time (measured in docs/benchmarks.md). A connection string that names the setting wins,
    /// e.g. <c>Max Auto Prepare=0</c> behind a PgBouncer in transaction mode without prepared-statement support.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase)
            || connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }
}
