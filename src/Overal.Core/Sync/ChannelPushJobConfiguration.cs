using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Overal.Core.Sync;

internal sealed class ChannelPushJobConfiguration : IEntityTypeConfiguration<ChannelPushJob>
{
    public void Configure(EntityTypeBuilder<ChannelPushJob> b)
    {
        b.ToTable("channel_push_jobs");
        b.Property(j => j.ChannelId).HasMaxLength(32);
        b.Property(j => j.JobId).HasMaxLength(200);
        b.HasIndex(j => new { j.ChannelId, j.NextCheckAt });
    }
}
