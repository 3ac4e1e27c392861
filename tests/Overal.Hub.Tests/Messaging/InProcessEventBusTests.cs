using Microsoft.Extensions.Logging.Abstractions;
using Overal.Core.Messaging;

namespace Overal.Hub.Tests.Messaging;

public sealed class InProcessEventBusFixture : IEventBusFixture
{
    private readonly InProcessEventBus _bus = new(NullLogger<InProcessEventBus>.Instance);

    public IEventBus Bus => _bus;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _bus.DisposeAsync();
}

public sealed class InProcessEventBusTests(InProcessEventBusFixture fixture) : EventBusCompliance<InProcessEventBusFixture>(fixture);
