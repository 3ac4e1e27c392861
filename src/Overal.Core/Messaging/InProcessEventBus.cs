using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Overal.Core.Messaging;

/// <summary>
/// The default transport: every subscriber has its own unbounded queue and reader, so a slow or failing handler
/// never holds up the publisher or the other subscribers. Events live only as long as the process, which is
/// what in-process subscribers (dashboards, caches, wake-ups) need; state that must survive is in the database.
/// </summary>
public sealed class InProcessEventBus(ILogger<InProcessEventBus> logger) : IEventBus, IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, Subscription> _subscriptions = new();

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Accepts(integrationEvent)) subscription.Queue.Writer.TryWrite(integrationEvent);
        }
        return Task.CompletedTask;
    }

    public IDisposable Subscribe<TEvent>(Func<TEvent, CancellationToken, Task> handler) where TEvent : IntegrationEvent
    {
        var id = Guid.NewGuid();
        var subscription = new Subscription(typeof(TEvent), (e, ct) => handler((TEvent)e, ct), logger, () => _subscriptions.TryRemove(id, out _));
        _subscriptions[id] = subscription;
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var s in _subscriptions.Values) await s.StopAsync();
    }

    private sealed class Subscription : IDisposable
    {
        private readonly Type _type;
        private readonly Action _remove;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _reader;

        public Subscription(Type type, Func<IntegrationEvent, CancellationToken, Task> handler, ILogger logger, Action remove)
        {
            _type = type;
            _remove = remove;
            _reader = Task.Run(async () =>
            {
                await foreach (var e in Queue.Reader.ReadAllAsync(_stop.Token))
                {
                    try
                    {
                        await handler(e, _stop.Token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "A subscriber of {Event} failed on event {Id}", e.EventName, e.Id);
                    }
                }
            });
        }

        public Channel<IntegrationEvent> Queue { get; } = Channel.CreateUnbounded<IntegrationEvent>(new UnboundedChannelOptions { SingleReader = true });

        public bool Accepts(IntegrationEvent e) => _type.IsInstanceOfType(e);

        public async Task StopAsync()
        {
            Queue.Writer.TryComplete();
            await _stop.CancelAsync();
            try { await _reader; }
            catch (OperationCanceledException) { }
        }

        public void Dispose()
        {
            _remove();
            Queue.Writer.TryComplete();
            _stop.Cancel();
        }
    }
}
