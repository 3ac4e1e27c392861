using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Channels;
using Overal.Core.Errors;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>Puts a channel's dead letters back in its queue and wakes its dispatcher: for the API and the dashboard alike.</summary>
public sealed class DeadLetterReplayer(IServiceScopeFactory scopes, ChannelRuleBook rules, WriteGate gate, SyncWakeup wakeup)
{
    /// <returns>How many rows were queued again.</returns>
    public async Task<int> ReplayAsync(string channelId, CancellationToken cancellationToken)
    {
        _ = await rules.FindAsync(channelId, cancellationToken) ?? throw HubException.NotFound($"Channel '{channelId}' does not exist.");
        using var scope = scopes.CreateScope();
        int replayed;
        using (await gate.EnterAsync(cancellationToken))
        {
            replayed = await new SyncRowStore(scope.ServiceProvider.GetRequiredService<HubDbContext>()).ReplayDeadAsync(channelId, cancellationToken);
        }
        wakeup.Wake(channelId);
        return replayed;
    }
}
