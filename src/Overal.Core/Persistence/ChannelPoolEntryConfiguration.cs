using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Channels;
using Overal.Core.Inventory;

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
