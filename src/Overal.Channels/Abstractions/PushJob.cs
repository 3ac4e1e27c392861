namespace Overal.Channels.Abstractions;

/// <summary>Values a channel accepted for processing later (e.g. an Amazon feed), to be asked about until it ends.</summary>
/// <param name="JobId">The channel's own id for the job (Amazon: the feedId).</param>
/// <param name="Skus">The SKUs whose values are in flight, in the order they were sent (the adapter maps its report back by position).</param>
/// <param name="CheckAfter">How long to wait before asking for the outcome.</param>
public sealed record PushJob(string JobId, IReadOnlyList<string> Skus, TimeSpan CheckAfter);

/// <param name="Result">Null while the job runs; then one item per SKU of the job (a Confirmed item's quantity is the one sent).</param>
/// <param name="CheckAgainAfter">When to ask again while it runs (or after a throttled question).</param>
public sealed record PushJobCheck(PushResult? Result, TimeSpan CheckAgainAfter);
