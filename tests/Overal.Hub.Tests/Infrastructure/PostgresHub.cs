using Overal.Core.Persistence;

namespace Overal.Hub.Tests.Infrastructure;

/// <summary>Class fixture: the hub on a fresh PostgreSQL database (skipped with a reason without OVERAL_TEST_POSTGRES).</summary>
public sealed class PostgresHub() : HubFactory(DatabaseProvider.Postgres);
