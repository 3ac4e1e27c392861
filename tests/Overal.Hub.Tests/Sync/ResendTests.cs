using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Sync;

/// <summary>
/// Reconciling a channel that cannot be read back (Zalando) means sending its values again. Those re-sends must not
/// hold back a real stock change, must not count as propagation latency, and must not disturb rows already on their
/// way. The rows live under a channel of the test's own, which no dispatcher serves.
/// </summary>
public abstract class ResendTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_live_change_is_claimed_before_values_queued_for_a_resend_and_resends_carry_no_origin()
    {
        var channel = NewChannel();
        var now = Hub.Clock.GetUtcNow();
        await AddAsync(InSync(channel, "RESEND-A", 4, now.AddHours(-3)), InSync(channel, "RESEND-B", 6, now.AddHours(-2)));
        using var scope = Hub.Services.CreateScope();
        var store = new SyncRowStore(scope.ServiceProvider.GetRequiredService<HubDbContext>());

        Assert.Equal(2, await store.RequeueConfirmedAsync(channel, int.MaxValue, Ct));
        await AddAsync(new ChannelSyncState
        {
            Sku = "LIVE-SALE", ChannelId = channel, Desired = 1, Confirmed = 2, Dirty = true, Status = SyncStatus.Pending, OriginAt = now,
        });

        var first = await store.ClaimAsync(channel, 1, now, Lease, Ct);
        Assert.Equal("LIVE-SALE", Assert.Single(first).Sku);
        var rest = await store.ClaimAsync(channel, 10, now, Lease, Ct);
        Assert.Equal(["RESEND-A", "RESEND-B"], rest.Select(r => r.Sku).Order());
        Assert.All(rest, r => Assert.Equal(ChannelSyncState.NoOrigin, r.OriginAt));
    }

    [Fact]
    public async Task A_resend_leaves_a_failing_row_to_its_backoff_and_a_slice_takes_the_oldest_confirmations()
    {
        var channel = NewChannel();
        var now = Hub.Clock.GetUtcNow();
        var failing = new ChannelSyncState
        {
            Sku = "FAILING", ChannelId = channel, Desired = 3, Confirmed = 5, Dirty = true, Status = SyncStatus.Failed, Attempts = 4,
            NextAttemptAt = now.AddSeconds(30), OriginAt = now.AddMinutes(-1), ConfirmedAt = now.AddDays(-1),
        };
        await AddAsync(failing, InSync(channel, "OLDEST", 1, now.AddHours(-5)), InSync(channel, "OLDER", 2, now.AddHours(-4)), InSync(channel, "RECENT", 3, now.AddMinutes(-5)));
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        var store = new SyncRowStore(db);

        Assert.Equal(2, await store.RequeueConfirmedAsync(channel, 2, Ct));

        var rows = db.SyncStates.Where(s => s.ChannelId == channel).ToDictionary(s => s.Sku);
        Assert.Equal(["OLDER", "OLDEST"], rows.Values.Where(r => r.Dirty && r.Sku != "FAILING").Select(r => r.Sku).Order());
        Assert.False(rows["RECENT"].Dirty);
        Assert.Equal((4, now.AddSeconds(30).ToUnixTimeMilliseconds()), (rows["FAILING"].Attempts, rows["FAILING"].NextAttemptAt!.Value.ToUnixTimeMilliseconds()));
        Assert.DoesNotContain(await store.ClaimAsync(channel, 10, now, Lease, Ct), r => r.Sku == "FAILING");
    }

    private static string NewChannel() => "resend-" + Guid.NewGuid().ToString("N")[..8];

    private static ChannelSyncState InSync(string channel, string sku, int value, DateTimeOffset confirmedAt) => new()
    {
        Sku = sku, ChannelId = channel, Desired = value, Confirmed = value, Dirty = false, Status = SyncStatus.InSync,
        OriginAt = confirmedAt.AddSeconds(-1), ConfirmedAt = confirmedAt,
    };

    private async Task AddAsync(params ChannelSyncState[] rows)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        db.SyncStates.AddRange(rows);
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteResendTests(SqliteHub hub) : ResendTests<SqliteHub>(hub);

public sealed class PostgresResendTests(PostgresHub hub) : ResendTests<PostgresHub>(hub);
