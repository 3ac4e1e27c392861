namespace Overal.Core.Sync;

public enum CircuitState { Closed, Open, HalfOpen }
