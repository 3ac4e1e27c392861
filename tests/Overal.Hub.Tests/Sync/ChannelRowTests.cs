using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;
using Overal.Core.Sync;
using Overal.Hub.Dashboard.Data;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Sync;

/// <summary>The Channels page's rows: sync counts per channel and each channel's latest reconciliation, read by the database.</summary>
public abstract class ChannelRowTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    [Fact]
    public async Task Each_channel_shows_its_latest_reconciliation_and_its_sync_counts()
    {
        var at = Hub.Clock.GetUtcNow();
        using (var scope = Hub.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            db.AddRange(
                new ReconciliationRun { Id = Guid.CreateVersion7(), ChannelId = "bol", StartedAt = at.AddHours(-2), Checked = 10, Drifted = 1 },
                new ReconciliationRun { Id = Guid.CreateVersion7(), ChannelId = "bol", StartedAt = at.AddHours(-1), Checked = 20, Drifted = 2 },
                new ReconciliationRun { Id = Guid.CreateVersion7(), ChannelId = "bol", StartedAt = at.AddHours(-3), Checked = 30, Drifted = 3 },
                new ReconciliationRun { Id = Guid.CreateVersion7(), ChannelId = "zalando", StartedAt = at.AddMinutes(-5), Checked = 7, Drifted = 0 });
            await db.SaveChangesAsync(Ct);
        }

        var rows = await Hub.Services.GetRequiredService<ChannelData>().ChannelsAsync(Ct);

        Assert.Equal((20, 2), (rows.Single(r => r.ChannelId == "bol").LastReconciliation!.Checked, rows.Single(r => r.ChannelId == "bol").LastReconciliation!.Drifted));
        Assert.Equal(7, rows.Single(r => r.ChannelId == "zalando").LastReconciliation!.Checked);
        var webshop = rows.Single(r => r.ChannelId == "webshop");
        using (var scope = Hub.Services.CreateScope())
        {
            var states = scope.ServiceProvider.GetRequiredService<HubDbContext>().SyncStates.Where(s => s.ChannelId == "webshop").ToList();
            Assert.Equal(states.Count, webshop.InSync + webshop.Pending + webshop.Failed + webshop.Dead);
            Assert.Equal(states.Count(s => s.Status == SyncStatus.Pending), webshop.Pending);
        }
    }
}

public sealed class SqliteChannelRowTests(SqliteHub hub) : ChannelRowTests<SqliteHub>(hub);

public sealed class PostgresChannelRowTests(PostgresHub hub) : ChannelRowTests<PostgresHub>(hub);
