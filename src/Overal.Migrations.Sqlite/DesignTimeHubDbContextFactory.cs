using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Overal.Core.Persistence;

namespace Overal.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without starting the hub.</summary>
public sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<HubDbContext>();
        HubDatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite,
            Environment.GetEnvironmentVariable("OVERAL_DESIGN_CONNECTION") ?? "Data Source=design-time.db");
        return new HubDbContext(builder.Options);
    }
}
