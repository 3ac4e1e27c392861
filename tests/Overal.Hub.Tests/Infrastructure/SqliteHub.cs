using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>Class fixture: the hub on a fresh SQLite file.</summary>
public sealed class SqliteHub() : HubFactory(DatabaseProvider.Sqlite);
