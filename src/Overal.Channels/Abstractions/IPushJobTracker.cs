namespace Overal.Channels.Abstractions;

/// <summary>
/// A channel whose pushes can end as a <see cref="PushJob"/> (a capability, like the adapter's other optional calls).
/// The hub stores the job, holds back its SKUs (nothing overlapping is pushed while the values are in flight) and asks
/// here on later passes, after a restart too, until the job has an outcome. Asking never submits anything again.
/// </summary>
public interface IPushJobTracker
{
    Task<PushJobCheck> CheckPushJobAsync(PushJob job, CancellationToken cancellationToken);
}
