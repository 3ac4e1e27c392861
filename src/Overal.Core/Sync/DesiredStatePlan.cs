using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>
/// What a stock change does to a SKU's channel sync rows: the channels whose desired value changed and the writes
/// that record it. The writes must run in the same transaction, with the SKU still locked, as the read they came from.
/// </summary>
public sealed record DesiredStatePlan(IReadOnlyList<string> ChangedChannels, IReadOnlyList<SqlStatement> Writes);
