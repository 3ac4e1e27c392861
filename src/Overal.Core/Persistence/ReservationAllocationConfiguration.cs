using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Inventory;

namespace Overal.Core.Persistence;

internal sealed class ReservationAllocationConfiguration : IEntityTypeConfiguration<ReservationAllocation>
{
    public void Configure(EntityTypeBuilder<ReservationAllocation> b)
    {
        b.ToTable("reservation_allocations");
        b.HasKey(a => new { a.ReservationId, a.LocationId });
    }
}
