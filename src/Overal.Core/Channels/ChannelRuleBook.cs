using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;

namespace Overal.Core.Channels;

/// <summary>
/// The channels' rules, read once and kept in memory: every stock change needs them. Channels and pools are seeded and
/// not edited at run time; a change in the database takes effect at the next start.
/// </summary>
public sealed class ChannelRuleBook(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyList<ChannelRule>? _rules;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async ValueTask<IReadOnlyList<ChannelRule>> GetAsync(CancellationToken cancellationToken)
    {
        if (_rules is { } rules) return rules;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_rules is { } loaded) return loaded;
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
            var channels = await db.Channels.AsNoTracking().Include(c => c.Pool).OrderBy(c => c.Id).ToListAsync(cancellationToken);
            _rules = [.. channels.Select(c => new ChannelRule(
                c.Id, c.Name, c.SyncsStock, c.Buffer, c.Cap, c.SharePercent,
                [.. c.Pool.OrderBy(p => p.Priority).ThenBy(p => p.LocationId).Select(p => p.LocationId)]))];
            return _rules;
        }
        finally
        {
            _loading.Release();
        }
    }

    public async ValueTask<ChannelRule?> FindAsync(string channelId, CancellationToken cancellationToken) =>
        (await GetAsync(cancellationToken)).FirstOrDefault(r => r.ChannelId == channelId);
}
