using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Overal.Core.Persistence;

/// <summary>
/// WAL lets readers run beside the one writer; synchronous=NORMAL is durable across process crashes in WAL
/// mode (a power cut may lose the last commits, never corrupt). busy_timeout covers other processes
/// (the CLI) holding the write lock; in-process writers queue at <see cref="WriteGate"/>.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}
