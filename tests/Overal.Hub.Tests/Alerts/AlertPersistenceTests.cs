using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Overal.Core.Alerts;
using Overal.Core.Persistence;
using Overal.Hub.Alerts;
using Overal.Hub.Tests.Infrastructure;

namespace Overal.Hub.Tests.Alerts;

/// <summary>
/// Acknowledgements, mutes and recent history are stored: a second board on the same database is what the hub
/// sees after a restart (the board is the alerts' only in-memory state).
/// </summary>
public abstract class AlertPersistenceTests<THub>(THub hub) : HubTestBase<THub>(hub) where THub : HubFactory
{
    [Fact]
    public async Task Acknowledgements_and_mutes_survive_a_restart()
    {
        var key = $"circuit:test-{Guid.NewGuid():N}";
        var before = NewBoard(Hub.Clock);
        var raised = Assert.Single(await before.ObserveAsync(Seen(key), Ct));
        await before.AcknowledgeAsync(raised.Id, "ops@overal.test", Ct);
        await before.MuteAsync(raised.Id, TimeSpan.FromHours(2), Ct);

        var after = NewBoard(Hub.Clock);
        await after.LoadAsync(Ct);

        var alert = Assert.Single(after.All(), a => a.Key == key);
        Assert.Equal(raised.Id, alert.Id);
        Assert.True(alert.Active);
        Assert.Equal("ops@overal.test", alert.AcknowledgedBy);
        Assert.Equal(InMilliseconds(Hub.Clock.GetUtcNow()).AddHours(2), alert.MutedUntil);
        // Still the same occurrence after the restart: not raised (or notified) again.
        Assert.Empty(await after.ObserveAsync(Seen(key), Ct));
        Assert.Equal(raised.Id, Assert.Single(after.All(), a => a.Key == key).Id);
    }

    [Fact]
    public async Task An_alert_that_comes_back_after_resolving_needs_a_new_acknowledgement_and_keeps_its_mute()
    {
        var key = $"circuit:test-{Guid.NewGuid():N}";
        var board = NewBoard(Hub.Clock);
        var first = Assert.Single(await board.ObserveAsync(Seen(key), Ct));
        await board.AcknowledgeAsync(first.Id, "ops@overal.test", Ct);
        await board.MuteAsync(first.Id, TimeSpan.FromHours(2), Ct);
        await board.ObserveAsync([], Ct);
        Assert.False((await StoredAsync(key))!.Active);

        // Muted: raised on the board, but not returned for notification.
        Assert.Empty(await board.ObserveAsync(Seen(key), Ct));

        var stored = await StoredAsync(key);
        Assert.NotNull(stored);
        Assert.NotEqual(first.Id, stored.Id);
        Assert.True(stored.Active);
        Assert.Null(stored.AcknowledgedBy);
        Assert.Equal(InMilliseconds(Hub.Clock.GetUtcNow()).AddHours(2), stored.MutedUntil);
    }

    [Fact]
    public async Task Resolved_alerts_are_forgotten_after_the_retention_period()
    {
        var key = $"circuit:test-{Guid.NewGuid():N}";
        var clock = new FakeTimeProvider(Hub.Clock.GetUtcNow());
        var board = NewBoard(clock, keepResolvedDays: 1);
        await board.ObserveAsync(Seen(key), Ct);
        await board.ObserveAsync([], Ct);

        clock.Advance(TimeSpan.FromHours(23));
        await board.ObserveAsync([], Ct);
        Assert.NotNull(await StoredAsync(key));

        clock.Advance(TimeSpan.FromHours(2));
        await board.ObserveAsync([], Ct);
        Assert.Null(await StoredAsync(key));
        Assert.DoesNotContain(board.All(), a => a.Key == key);
    }

    [Fact]
    public async Task Acknowledging_through_the_API_is_stored_and_a_bad_mute_period_changes_nothing()
    {
        var key = $"circuit:test-{Guid.NewGuid():N}";
        var board = Hub.Services.GetRequiredService<AlertBoard>();
        var alert = Assert.Single(await board.ObserveAsync(Seen(key), Ct));

        using (var response = await Client.PostAsync($"/api/alerts/{alert.Id}/acknowledge", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using (var response = await Client.PostAsync($"/api/alerts/{alert.Id}/mute?minutes=20000", null, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("minutes", await response.Content.ReadAsStringAsync(Ct));
        }
        using (var response = await Client.PostAsync($"/api/alerts/{Guid.CreateVersion7()}/acknowledge", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var stored = await StoredAsync(key);
        Assert.NotNull(stored);
        Assert.False(string.IsNullOrEmpty(stored.AcknowledgedBy));
        Assert.Null(stored.MutedUntil);
    }

    private static DateTimeOffset InMilliseconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private AlertBoard NewBoard(TimeProvider clock, double keepResolvedDays = 30) =>
        new(Hub.Services.GetRequiredService<IServiceScopeFactory>(), Hub.Services.GetRequiredService<WriteGate>(),
            new AlertOptions { KeepResolvedDays = keepResolvedDays }, clock);

    private static List<(string, AlertKind, AlertSeverity, string, string)> Seen(string key) =>
        [(key, AlertKind.CircuitOpen, AlertSeverity.Critical, "bol", "Circuit open: 503")];

    private async Task<AlertRecord?> StoredAsync(string key)
    {
        using var scope = Hub.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        return await db.Set<AlertRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.Key == key, Ct);
    }
}

public sealed class SqliteAlertPersistenceTests(SqliteHub hub) : AlertPersistenceTests<SqliteHub>(hub);

public sealed class PostgresAlertPersistenceTests(PostgresHub hub) : AlertPersistenceTests<PostgresHub>(hub);
