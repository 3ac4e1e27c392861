using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Inventory;

namespace Overal.Core.Persistence;

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.ToTable("locations");
        b.Property(l => l.Id).HasMaxLength(64);
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.City).HasMaxLength(100);
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
    }
}
