namespace Overal.Core.Alerts;

public enum AlertKind { SyncLatency, CircuitOpen, DeadLetters, LowStock, UnusualSales }
