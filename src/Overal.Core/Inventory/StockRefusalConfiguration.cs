using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Overal.Core.Inventory;

internal sealed class StockRefusalConfiguration : IEntityTypeConfiguration<StockRefusal>
{
    public void Configure(EntityTypeBuilder<StockRefusal> b)
    {
        b.ToTable("stock_refusals");
        b.Property(r => r.ChannelId).HasMaxLength(32);
        b.Property(r => r.Sku).HasMaxLength(64);
        b.Property(r => r.LocationId).HasMaxLength(64);
        // The Overview counts them per channel over the last days.
        b.HasIndex(r => new { r.ChannelId, r.At });
    }
}
