using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Inventory;

namespace Overal.Core.Persistence;

internal sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> b)
    {
        b.ToTable("stock_movements");
        b.Property(m => m.Type).HasConversion<string>().HasMaxLength(16);
        b.Property(m => m.Reason).HasMaxLength(500);
        b.Property(m => m.Source).HasMaxLength(100);
        b.Property(m => m.Reference).HasMaxLength(200);
        b.Property(m => m.IdempotencyKey).HasMaxLength(200);
        b.HasIndex(m => m.IdempotencyKey).IsUnique();
        b.HasIndex(m => new { m.Sku, m.RecordedAt });
    }
}
