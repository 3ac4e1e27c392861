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
    public static IServiceCollection AddHubDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        services.AddSingleton(new WriteGate(options.Provider));
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        services.AddDbContextPool<HubDbContext>(builder => Configure(builder, options.Provider, connectionString));
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
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly("Overal.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres).");
        }
    }
}
