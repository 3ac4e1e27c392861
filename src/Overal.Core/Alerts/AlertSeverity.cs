namespace Overal.Core.Alerts;

public enum AlertSeverity { Warning, Critical }
