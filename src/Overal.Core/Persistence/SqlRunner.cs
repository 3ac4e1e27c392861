using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Overal.Core.Persistence;

/// <summary>
/// Runs hand-written statements on the context's connection and current transaction. Used where a state change
/// must be one conditional statement (stock, reservations, sync state); the SQL is written to read the same on
/// SQLite and PostgreSQL (snake_case, @name parameters, RETURNING).
/// </summary>
public sealed class SqlRunner(HubDbContext db)
{
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = await CreateAsync(sql, parameters, cancellationToken);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = await CreateAsync(sql, parameters, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private async Task<DbCommand> CreateAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            // EF stores Guids on SQLite as upper-case text; Npgsql binds them as uuid.
            p.Value = value switch
            {
                null => DBNull.Value,
                Guid g when db.Database.IsSqlite() => g.ToString().ToUpperInvariant(),
                _ => value,
            };
            command.Parameters.Add(p);
        }
        return command;
    }
}
