using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Idempotency;
using Overal.Core.Inventory;
using Overal.Core.Sync;

namespace Overal.Core.Persistence;

internal sealed class ChannelPoolEntryConfiguration : IEntityTypeConfiguration<ChannelPoolEntry>
{
    public void Configure(EntityTypeBuilder<ChannelPoolEntry> b)
    {
        b.ToTable("channel_pools");
        b.HasKey(p => new { p.ChannelId, p.LocationId });
        b.HasOne<Location>().WithMany().HasForeignKey(p => p.LocationId);
    }
}
