namespace Overal.Core.Persistence;

/// <summary>One statement with its <c>@name</c> parameters, to run alone or in a batch (<see cref="SqlRunner.ExecuteBatchAsync"/>).</summary>
public sealed record SqlStatement
{
    public SqlStatement(string sql, params (string Name, object? Value)[] parameters)
    {
        Sql = sql;
        Parameters = parameters;
    }

    public string Sql { get; }

    public IReadOnlyList<(string Name, object? Value)> Parameters { get; }
}
