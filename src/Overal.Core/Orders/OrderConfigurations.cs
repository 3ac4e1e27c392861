using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Overal.Core.Orders;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("orders");
        // At most one order per (channel, external id): the database settles duplicate deliveries and races.
        b.HasIndex(o => new { o.ChannelId, o.ExternalId }).IsUnique();
        b.HasIndex(o => new { o.Status, o.PlacedAt });
        b.HasIndex(o => o.PlacedAt);
        b.HasIndex(o => o.ReadyForPickupAt);
        b.Property(o => o.ChannelId).HasMaxLength(32);
        b.Property(o => o.ExternalId).HasMaxLength(100);
        b.Property(o => o.ReceiptNumber).HasMaxLength(64);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.Currency).HasMaxLength(3);
        b.Property(o => o.PaymentStatus).HasMaxLength(32);
        b.Property(o => o.CustomerName).HasMaxLength(200);
        b.Property(o => o.CustomerEmail).HasMaxLength(254);
        b.Property(o => o.CustomerPhone).HasMaxLength(32);
        b.Property(o => o.LoyaltyNumber).HasMaxLength(64);
        b.Property(o => o.DeliveryKind).HasConversion<string>().HasMaxLength(16);
        b.Property(o => o.Street).HasMaxLength(200);
        b.Property(o => o.PostalCode).HasMaxLength(16);
        b.Property(o => o.City).HasMaxLength(100);
        b.Property(o => o.CountryCode).HasMaxLength(2);
        b.Property(o => o.StoreLocationId).HasMaxLength(64);
        b.Property(o => o.PickupPointId).HasMaxLength(64);
        b.Property(o => o.AttentionDetail).HasMaxLength(1000);
        // The queue's "needs attention" filter and the alert rule read only the few flagged orders.
        b.HasIndex(o => o.Attention).HasFilter("attention <> 0").HasDatabaseName("ix_orders_needing_attention");
        b.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
        b.HasMany(o => o.Allocations).WithOne().HasForeignKey(a => a.OrderId);
        b.HasMany(o => o.Shipments).WithOne().HasForeignKey(s => s.OrderId);
        b.HasMany(o => o.Returns).WithOne().HasForeignKey(r => r.OrderId);
        b.HasMany(o => o.Decisions).WithOne().HasForeignKey(d => d.OrderId);
        b.HasMany(o => o.Timeline).WithOne().HasForeignKey(e => e.OrderId);
    }
}

internal sealed class OrderLineConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> b)
    {
        b.ToTable("order_lines");
        b.Ignore(l => l.Value);
        b.Property(l => l.ExternalLineId).HasMaxLength(100);
        b.Property(l => l.Sku).HasMaxLength(64);
        // 14: a channel may send a GTIN-14, kept as sent on an unmatched line.
        b.Property(l => l.Ean).HasMaxLength(14);
        b.Property(l => l.ChannelSku).HasMaxLength(100);
        b.Property(l => l.Title).HasMaxLength(200);
        b.Property(l => l.MatchProblem).HasMaxLength(300);
        b.Property(l => l.ReadProblem).HasMaxLength(300);
        b.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(l => new { l.OrderId, l.LineNumber }).IsUnique();
        b.HasIndex(l => new { l.Sku, l.Status });
    }
}

internal sealed class OrderAllocationConfiguration : IEntityTypeConfiguration<OrderAllocation>
{
    public void Configure(EntityTypeBuilder<OrderAllocation> b)
    {
        b.ToTable("order_allocations");
        b.Property(a => a.LocationId).HasMaxLength(64);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(a => a.OrderLineId);
        b.HasIndex(a => a.ReservationId).IsUnique();
        b.HasIndex(a => new { a.LocationId, a.Status });
    }
}

internal sealed class ShipmentConfiguration : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> b)
    {
        b.ToTable("shipments");
        b.Property(s => s.Carrier).HasMaxLength(64);
        b.Property(s => s.TrackingNumber).HasMaxLength(100);
        b.Property(s => s.TrackingUrl).HasMaxLength(500);
        b.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ShipmentId);
    }
}

internal sealed class ShipmentItemConfiguration : IEntityTypeConfiguration<ShipmentItem>
{
    public void Configure(EntityTypeBuilder<ShipmentItem> b)
    {
        b.ToTable("shipment_lines");
        b.HasKey(l => new { l.ShipmentId, l.OrderLineId });
    }
}

internal sealed class OrderReturnConfiguration : IEntityTypeConfiguration<OrderReturn>
{
    public void Configure(EntityTypeBuilder<OrderReturn> b)
    {
        b.ToTable("order_returns");
        b.Property(r => r.Reason).HasMaxLength(500);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.RefundStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Disposition).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.ReceivedAtLocationId).HasMaxLength(64);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.ReturnId);
    }
}

internal sealed class ReturnLineConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> b)
    {
        b.ToTable("order_return_lines");
        b.HasKey(l => new { l.ReturnId, l.OrderLineId });
    }
}

internal sealed class DecisionLogEntryConfiguration : IEntityTypeConfiguration<DecisionLogEntry>
{
    public void Configure(EntityTypeBuilder<DecisionLogEntry> b)
    {
        b.ToTable("order_decisions");
        b.Property(d => d.Rule).HasMaxLength(32);
        b.Property(d => d.Candidates).HasMaxLength(2000);
        b.Property(d => d.Chosen).HasMaxLength(500);
        b.Property(d => d.Reason).HasMaxLength(1000);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> b)
    {
        b.ToTable("order_events");
        b.Property(e => e.Type).HasMaxLength(32);
        b.Property(e => e.Detail).HasMaxLength(1000);
    }
}

internal sealed class ChannelActionConfiguration : IEntityTypeConfiguration<ChannelAction>
{
    public void Configure(EntityTypeBuilder<ChannelAction> b)
    {
        b.ToTable("channel_actions");
        b.Property(a => a.ChannelId).HasMaxLength(32);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.LastError).HasMaxLength(1000);
        b.HasIndex(a => a.OrderId);
        // The dispatcher reads only open rows.
        b.HasIndex(a => a.NextAttemptAt).HasFilter("status IN ('Pending', 'WaitingForAdapter')").HasDatabaseName("ix_channel_actions_open");
    }
}

internal sealed class OversellRecordConfiguration : IEntityTypeConfiguration<OversellRecord>
{
    public void Configure(EntityTypeBuilder<OversellRecord> b)
    {
        b.ToTable("order_oversells");
        b.Property(o => o.ChannelId).HasMaxLength(32);
        b.Property(o => o.Sku).HasMaxLength(64);
        b.Property(o => o.Outcome).HasMaxLength(16);
        b.HasIndex(o => new { o.ChannelId, o.At });
    }
}

internal sealed class OrderSourceCursorConfiguration : IEntityTypeConfiguration<OrderSourceCursor>
{
    public void Configure(EntityTypeBuilder<OrderSourceCursor> b)
    {
        b.ToTable("order_source_cursors");
        b.HasKey(c => c.ChannelId);
        b.Property(c => c.ChannelId).HasMaxLength(32);
        b.Property(c => c.PageToken).HasMaxLength(2000);
    }
}

internal sealed class OrderIntakeFailureConfiguration : IEntityTypeConfiguration<OrderIntakeFailure>
{
    public void Configure(EntityTypeBuilder<OrderIntakeFailure> b)
    {
        b.ToTable("order_intake_failures");
        b.HasKey(f => f.ChannelId);
        b.Property(f => f.ChannelId).HasMaxLength(32);
        b.Property(f => f.Kind).HasMaxLength(16);
        b.Property(f => f.Detail).HasMaxLength(1000);
    }
}
