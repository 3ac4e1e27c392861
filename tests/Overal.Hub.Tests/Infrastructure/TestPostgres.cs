using Npgsql;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the tests may use, named by env var <see cref="Variable"/> (scripts/test.sh starts one and
/// sets it). Each factory gets its own database on it, created fresh and dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "OVERAL_TEST_POSTGRES";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string SkipReason =>
        $"PostgreSQL leg not run: set {Variable} to a server connection string (scripts/test.sh starts a throwaway server and sets it).";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(SkipReason);
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // Room for the concurrency tests' bursts without crowding the server's max_connections.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 60, Timeout = 30, CommandTimeout = 60 }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string name, string connectionString)
    {
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
