using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Overal.Channels.Abstractions;
using Overal.Core.Messaging;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>Runs one <see cref="ChannelDispatcher"/> per registered adapter that can push stock.</summary>
public sealed class SyncDispatcherHost(
    IEnumerable<IChannelAdapter> adapters,
    IServiceScopeFactory scopes,
    WriteGate gate,
    SyncWakeup wakeup,
    ChannelHealthBoard board,
    PropagationLatency latency,
    EanLookup eans,
    Outbox outbox,
    SyncOptions options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    public IReadOnlyList<ChannelDispatcher> Dispatchers { get; } = [.. adapters
        .Where(a => a.Capabilities.HasFlag(ChannelCapabilities.PushStock))
        .Select(a => new ChannelDispatcher(a, scopes, gate, wakeup, board.For(a.ChannelId), latency, eans, outbox, options, time,
            loggers.CreateLogger($"{typeof(ChannelDispatcher).FullName}.{a.ChannelId}")))];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled) return Task.CompletedTask;
        return Task.WhenAll(Dispatchers.Select(d => Task.Run(() => d.RunAsync(stoppingToken), stoppingToken)));
    }
}
