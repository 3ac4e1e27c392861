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
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly("Overal.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}' (use Sqlite or Postgres).");
        }
    }
}
