using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Overal.Core.Messaging;
using Overal.Core.Messaging.Events;
using Overal.Hub.Dashboard.Data;

namespace Overal.Hub.Dashboard.Layout;

/// <summary>
/// A page that refreshes itself when stock changes, a channel confirms or an order changes (events from the outbox
/// relay, after commit). Bursts collapse: while a refresh runs, further events only mark it to run once more.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly CancellationTokenSource _closing = new();
    private int _state; // 0 idle, 1 refreshing, 2 refreshing and another requested
    private volatile bool _disposed;

    [Inject] private IEventBus Bus { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ILogger<LivePage> Logger { get; set; } = default!;

    [Inject] private IConfiguration Configuration { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    protected DashboardScope Who { get; private set; } = new("?", "-none-", false, false);

    protected CancellationToken Closing { get; }

    /// <summary>True once the page is interactive and subscribed (pages show a "Live" badge; tests wait for it).</summary>
    protected bool IsLive { get; private set; }

    protected LivePage() => Closing = _closing.Token;

    /// <summary>Reloads the page's data; called at start and on every relevant event.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Whether a stock change for this SKU matters to the page (default: every change).</summary>
    protected virtual bool Concerns(string sku) => true;

    /// <summary>Whether an order change matters to the page (default: none). Store staff are never refreshed for another
    /// store's orders; what a page shows is scoped by its queries anyway, this only spares the reload.</summary>
    protected virtual bool ConcernsOrder(OrderChanged e) => false;

    protected override async Task OnInitializedAsync()
    {
        if (Authentication is not null) Who = DashboardScope.From((await Authentication).User);
        if (RendererInfo.IsInteractive)
        {
            // Subscribe before the first load, so no change between load and subscription is missed.
            _subscriptions.Add(Bus.Subscribe<StockChanged>((e, _) => Concerns(e.Sku) ? RefreshAsync() : Task.CompletedTask));
            _subscriptions.Add(Bus.Subscribe<ChannelSyncConfirmed>((e, _) => e.Skus.Any(Concerns) ? RefreshAsync() : Task.CompletedTask));
            _subscriptions.Add(Bus.Subscribe<OrderChanged>((e, _) => InScope(e) && ConcernsOrder(e) ? RefreshAsync() : Task.CompletedTask));
            IsLive = true;
        }
        await LoadAsync(Closing);
    }

    private bool InScope(OrderChanged e) => Who.Store is not { } store || e.Locations.Contains(store);

    /// <summary>Reloads and re-renders on the circuit's dispatcher; safe to call from any thread.</summary>
    protected async Task RefreshAsync()
    {
        if (Interlocked.Increment(ref _state) > 1) { Interlocked.Exchange(ref _state, 2); return; }
        try
        {
            do
            {
                Interlocked.Exchange(ref _state, 1);
                await InvokeAsync(async () =>
                {
                    await LoadAsync(Closing);
                    StateHasChanged();
                });
            }
            while (Interlocked.CompareExchange(ref _state, 0, 1) != 1 && !_disposed);
        }
        catch (Exception) when (_disposed)
        {
            // The circuit went away mid-refresh.
        }
        catch
        {
            Interlocked.Exchange(ref _state, 0);
            throw;
        }
    }

    /// <summary>
    /// Also reloads every Dashboard:RefreshSeconds (default 5) until the page closes, for figures that change without
    /// an event (a refused hold, in-memory channel health, waiting times growing). Call once, on an interactive page.
    /// </summary>
    protected void RefreshPeriodically()
    {
        if (!RendererInfo.IsInteractive) return;
        var period = TimeSpan.FromSeconds(Math.Max(1, Configuration.GetValue("Dashboard:RefreshSeconds", 5.0)));
        _ = RefreshEveryAsync(period);
    }

    private async Task RefreshEveryAsync(TimeSpan period)
    {
        using var timer = new PeriodicTimer(period, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(Closing))
            {
                try
                {
                    await RefreshAsync();
                }
                catch (Exception e) when (!Closing.IsCancellationRequested)
                {
                    Logger.LogWarning(e, "Periodic refresh of {Page} failed; trying again in {Period}", GetType().Name, period);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // The page closed.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _closing.Cancel();
        _closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
