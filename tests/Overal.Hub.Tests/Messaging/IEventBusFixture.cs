using Overal.Core.Messaging;

namespace Overal.Hub.Tests.Messaging;

/// <summary>A transport under test: a fresh bus per test class.</summary>
public interface IEventBusFixture : IAsyncLifetime
{
    IEventBus Bus { get; }
}
