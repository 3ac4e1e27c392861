using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Catalog;

namespace Overal.Core.Persistence;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("products");
        b.HasIndex(p => p.StyleCode).IsUnique();
        b.Property(p => p.StyleCode).HasMaxLength(32);
        b.Property(p => p.NameNl).HasMaxLength(200);
        b.Property(p => p.NameFr).HasMaxLength(200);
        b.Property(p => p.Category).HasMaxLength(64);
        b.Property(p => p.Currency).HasMaxLength(3);
        b.HasMany(p => p.Variants).WithOne().HasForeignKey(v => v.ProductId);
    }
}
