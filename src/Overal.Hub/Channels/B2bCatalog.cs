using Microsoft.EntityFrameworkCore;
using Overal.Channels.B2B;
using Overal.Core.Persistence;

namespace Overal.Hub.Channels;

/// <summary>The wholesale assortment is the whole catalog: every variant is listed for the B2B portal at start-up.</summary>
internal static class B2bCatalog
{
    public static async Task ListAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<B2bAvailabilityStore>() is not { } store) return;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
        foreach (var v in await db.Variants.AsNoTracking().Select(v => new { v.Sku, v.Ean }).ToListAsync(cancellationToken))
        {
            store.List(v.Sku, v.Ean);
        }
    }
}
