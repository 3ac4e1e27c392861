using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Catalog;

namespace Overal.Core.Persistence;

internal sealed class VariantConfiguration : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> b)
    {
        b.ToTable("variants");
        b.HasKey(v => v.Sku);
        b.Property(v => v.Sku).HasMaxLength(64);
        b.Property(v => v.Ean).HasMaxLength(13);
        b.HasIndex(v => v.Ean).IsUnique();
        b.Property(v => v.Colour).HasMaxLength(64);
        b.Property(v => v.Size).HasMaxLength(16);
    }
}
