using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Overal.Core.Persistence;

/// <summary>
/// Runs hand-written statements on the context's connection and current transaction. Used where a state change
/// must be one conditional statement (stock, reservations, sync state); the SQL is written to read the same on
/// SQLite and PostgreSQL (snake_case, @name parameters, RETURNING).
/// </summary>
public sealed partial class SqlRunner(HubDbContext db)
{
    private const int MaxParametersPerCommand = 30_000;

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

    /// <summary>Runs a reader over one command that may return several result sets (several SELECTs, one round trip).</summary>
    public async Task ReadAsync(string sql, Func<DbDataReader, CancellationToken, Task> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = await CreateAsync(sql, parameters, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await read(reader, cancellationToken);
    }

    /// <summary>
    /// Runs the statements in order as one command: one round trip instead of one each. Each statement's parameters
    /// get a suffix so equal names in different statements cannot clash. Both providers run multi-statement commands.
    /// </summary>
    public async Task ExecuteBatchAsync(IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 0) return;
        if (statements.Count == 1)
        {
            await ExecuteAsync(statements[0].Sql, cancellationToken, [.. statements[0].Parameters]);
            return;
        }
        // PostgreSQL takes at most 65,535 parameters in one command: a large batch (a failed Amazon feed of 25,000
        // rows) goes as several commands, each still far fewer round trips than one per statement.
        if (statements.Sum(s => s.Parameters.Count) > MaxParametersPerCommand && statements.Count > 1)
        {
            var half = statements.Count / 2;
            await ExecuteBatchAsync([.. statements.Take(half)], cancellationToken);
            await ExecuteBatchAsync([.. statements.Skip(half)], cancellationToken);
            return;
        }
        var text = new StringBuilder();
        var all = new List<(string Name, object? Value)>();
        for (var i = 0; i < statements.Count; i++)
        {
            // One pass per statement with a compiled pattern: this runs on every commit of the hot path.
            var suffix = "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sql = ParameterName().Replace(statements[i].Sql, m => m.Value + suffix);
            foreach (var (name, value) in statements[i].Parameters) all.Add((name + suffix, value));
            text.Append(sql.TrimEnd().TrimEnd(';')).Append(";\n");
        }
        await ExecuteAsync(text.ToString(), cancellationToken, [.. all]);
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

    /// <summary>A parameter in hand-written SQL: @ then a name (never an operator: no statement uses @&gt; or @@).</summary>
    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
