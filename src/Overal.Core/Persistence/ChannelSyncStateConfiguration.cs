using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Sync;

namespace Overal.Core.Persistence;

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
