using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Overal.Core.Persistence;

namespace Overal.Core.Sync;

/// <summary>SKU → EAN, kept in memory: adapters keyed by EAN need it on every push and it never changes for a SKU.</summary>
public sealed class EanLookup(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, string> _eans = new();

    public async ValueTask<string> GetAsync(string sku, CancellationToken cancellationToken)
    {
        if (_eans.TryGetValue(sku, out var ean)) return ean;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        foreach (var v in await db.Variants.AsNoTracking().Select(v => new { v.Sku, v.Ean }).ToListAsync(cancellationToken))
        {
            _eans[v.Sku] = v.Ean;
        }
        return _eans.TryGetValue(sku, out ean) ? ean : "";
    }
}
