namespace Overal.Core.Alerts;

public enum AlertKind { SyncLatency, ChannelErrors, CircuitOpen, DeadLetters, LowStock, UnusualSales, OrderNeedsAttention, OrderIntakeFailing }
