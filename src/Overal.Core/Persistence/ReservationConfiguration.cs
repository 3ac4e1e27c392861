using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Inventory;

namespace Overal.Core.Persistence;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    public void Configure(EntityTypeBuilder<Reservation> b)
    {
        b.ToTable("reservations");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Reference).HasMaxLength(200);
        b.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReservationId);
        // The sweeper looks only at active holds that can expire.
        b.HasIndex(r => r.ExpiresAt).HasFilter("status = 'Active' AND expires_at IS NOT NULL").HasDatabaseName("ix_reservations_active_expiry");
        b.HasIndex(r => new { r.Sku, r.Status });
    }
}
