namespace Overal.Hub.Alerts;

/// <summary>Section "Alerts".</summary>
public sealed class AlertOptions
{
    /// <summary>Propagation latency objective (p95 over the sync latency window); above it raises a warning.</summary>
    public double LatencyObjectiveMs { get; set; } = 1000;

    public double IntervalSeconds { get; set; } = 5;

    /// <summary>Resolved alerts stay listed (and stored) this long after they were last seen.</summary>
    public double KeepResolvedDays { get; set; } = 30;

    public LowStockOptions LowStock { get; set; } = new();

    public UnusualSalesOptions UnusualSales { get; set; } = new();

    public AlertNotifyOptions Notify { get; set; } = new();
}

/// <summary>A channel may sell fewer units of a SKU than its threshold: per SKU, else per category, else the default.</summary>
public sealed class LowStockOptions
{
    public int DefaultThreshold { get; set; } = 2;

    public Dictionary<string, int> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, int> Skus { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A SKU selling much faster in the last window than its own average over the baseline period.</summary>
public sealed class UnusualSalesOptions
{
    public double WindowMinutes { get; set; } = 60;

    public double BaselineDays { get; set; } = 7;

    /// <summary>How many times the baseline rate counts as unusual.</summary>
    public double Factor { get; set; } = 4;

    /// <summary>Fewer units than this in the window are never unusual (one sale of a slow seller is noise).</summary>
    public int MinUnits { get; set; } = 5;
}

/// <summary>Optional outbound notification of newly raised alerts (not muted): a webhook and/or e-mail over SMTP.</summary>
public sealed class AlertNotifyOptions
{
    public Uri? WebhookUrl { get; set; }

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public bool SmtpSsl { get; set; } = true;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }
}
