using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Overal.Core.Sync;

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> b)
    {
        b.ToTable("reconciliation_runs");
        b.Property(r => r.ChannelId).HasMaxLength(32);
        b.Property(r => r.Error).HasMaxLength(1000);
        b.Property(r => r.Trigger).HasMaxLength(32);
        b.HasIndex(r => new { r.ChannelId, r.StartedAt });
    }
}
