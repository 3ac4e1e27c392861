namespace Overal.Core.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }
