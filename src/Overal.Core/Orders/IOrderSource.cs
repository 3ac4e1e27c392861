using Overal.Channels.Abstractions;

namespace Overal.Core.Orders;

/// <summary>
/// A channel the hub polls for orders (bol, Amazon, Zalando). Register implementations in DI; <see cref="OrderPollingService"/>
/// fetches from each, ingests every order through <see cref="OrderIntake"/> and persists the cursor after each page.
/// </summary>
public interface IOrderSource
{
    string ChannelId { get; }

    Task<ChannelOrderPage> FetchAsync(ChannelOrderCursor? cursor, CancellationToken cancellationToken);

    /// <summary>The order is stored in the hub (see <see cref="IChannelAdapter.OrderStoredAsync"/>).</summary>
    Task OrderStoredAsync(ChannelOrder order, Guid hubOrderId, CancellationToken cancellationToken) => Task.CompletedTask;
}
