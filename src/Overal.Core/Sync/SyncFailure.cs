namespace Overal.Core.Sync;

/// <summary>One pushed row the channel did not confirm: retried at <see cref="RetryAt"/>, or dead-lettered when <see cref="Dead"/>.</summary>
public sealed record SyncFailure(string Sku, string Error, DateTimeOffset RetryAt, bool Dead);
