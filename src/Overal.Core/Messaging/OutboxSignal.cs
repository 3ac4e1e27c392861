namespace Overal.Core.Messaging;

/// <summary>Wakes the outbox relay after a commit; the relay also polls as a fallback.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled */ }
    }

    public Task<bool> WaitAsync(TimeSpan fallback, CancellationToken cancellationToken) => _signal.WaitAsync(fallback, cancellationToken);
}
