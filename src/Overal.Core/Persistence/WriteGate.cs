namespace Overal.Core.Persistence;

/// <summary>
/// SQLite has one writer at a time. Rather than let concurrent transactions spin on SQLITE_BUSY, writers queue
/// here in-process (fair, async). On PostgreSQL the gate is open: row locks do the work there.
/// </summary>
public sealed class WriteGate(DatabaseProvider provider)
{
    private readonly SemaphoreSlim? _semaphore = provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null) return NoGate.Instance;
        await _semaphore.WaitAsync(cancellationToken);
        return new Release(_semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) semaphore.Release();
        }
    }

    private sealed class NoGate : IDisposable
    {
        public static readonly NoGate Instance = new();

        public void Dispose()
        {
        }
    }
}
