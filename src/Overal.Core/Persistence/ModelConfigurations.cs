using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Idempotency;
using Overal.Core.Inventory;
using Overal.Core.Sync;

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

internal sealed class ChannelConfiguration : IEntityTypeConfiguration<Channel>
{
    public void Configure(EntityTypeBuilder<Channel> b)
    {
        b.ToTable("channels");
        b.Property(c => c.Id).HasMaxLength(32);
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.System).HasMaxLength(100);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasMany(c => c.Pool).WithOne().HasForeignKey(p => p.ChannelId);
    }
}

internal sealed class ChannelPoolEntryConfiguration : IEntityTypeConfiguration<ChannelPoolEntry>
{
    public void Configure(EntityTypeBuilder<ChannelPoolEntry> b)
    {
        b.ToTable("channel_pools");
        b.HasKey(p => new { p.ChannelId, p.LocationId });
        b.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId);
    }
}

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

internal sealed class ReservationAllocationConfiguration : IEntityTypeConfiguration<ReservationAllocation>
{
    public void Configure(EntityTypeBuilder<ReservationAllocation> b)
    {
        b.ToTable("reservation_allocations");
        b.HasKey(a => new { a.ReservationId, a.LocationId });
    }
}

internal sealed class ChannelSyncStateConfiguration : IEntityTypeConfiguration<ChannelSyncState>
{
    public void Configure(EntityTypeBuilder<ChannelSyncState> b)
    {
        b.ToTable("channel_sync_states");
        b.HasKey(s => new { s.Sku, s.ChannelId });
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.LastError).HasMaxLength(1000);
        // Only dirty rows are indexed: the dispatcher's claim query reads nothing else.
        b.HasIndex(s => new { s.ChannelId, s.NextAttemptAt }).HasFilter("dirty").HasDatabaseName("ix_channel_sync_states_dirty");
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(r => r.Key);
        b.Property(r => r.Key).HasMaxLength(400);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.HasIndex(r => r.CreatedAt);
    }
}
