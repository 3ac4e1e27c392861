using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Catalog;
using Overal.Core.Inventory;

namespace Overal.Core.Persistence;

internal sealed class StockLevelConfiguration : IEntityTypeConfiguration<StockLevel>
{
    public void Configure(EntityTypeBuilder<StockLevel> b)
    {
        b.ToTable("stock_levels", t =>
        {
            t.HasCheckConstraint("ck_stock_levels_on_hand", "on_hand >= 0");
            t.HasCheckConstraint("ck_stock_levels_reserved", "reserved >= 0");
        });
        b.HasKey(l => new { l.Sku, l.LocationId });
        b.Ignore(l => l.Atp);
        b.HasOne<Variant>().WithMany().HasForeignKey(l => l.Sku);
        b.HasOne<Location>().WithMany().HasForeignKey(l => l.LocationId);
    }
}
