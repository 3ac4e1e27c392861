using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Overal.Core.Alerts;

internal sealed class AlertRecordConfiguration : IEntityTypeConfiguration<AlertRecord>
{
    public void Configure(EntityTypeBuilder<AlertRecord> b)
    {
        b.ToTable("alerts");
        // One row per key: a new occurrence of a resolved alert replaces the old row.
        b.HasIndex(a => a.Key).IsUnique();
        b.Property(a => a.Key).HasMaxLength(200);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.Severity).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.ChannelId).HasMaxLength(32);
        b.Property(a => a.Message).HasMaxLength(1000);
        b.Property(a => a.AcknowledgedBy).HasMaxLength(256);
    }
}
