using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Overal.Core.Persistence;

namespace Overal.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without starting the hub.</summary>
public sealed class DesignTimeHubDbContextFactory : IDesignTimeDbContextFactory<HubDbContext>
{
    public HubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<HubDbContext>();
        HubDatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Postgres,
            Environment.GetEnvironmentVariable("OVERAL_DESIGN_CONNECTION") ?? "Host=127.0.0.1;Database=overal_design;Username=postgres");
        return new HubDbContext(builder.Options);
    }
}
