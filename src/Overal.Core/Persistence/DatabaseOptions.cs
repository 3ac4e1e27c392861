namespace Overal.Core.Persistence;

/// <summary>Bound from the "Database" section; the connection string is ConnectionStrings:Overal.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (default). Off: apply them by hand (see README).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the reference customer's demo data when the database is empty.</summary>
    public bool SeedDemoData { get; set; } = true;
}
