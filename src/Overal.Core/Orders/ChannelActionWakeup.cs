namespace Overal.Core.Orders;

/// <summary>Wakes the channel action dispatcher after a commit that queued write-backs; polling is only the fallback.</summary>
public sealed class ChannelActionWakeup
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try { _signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
