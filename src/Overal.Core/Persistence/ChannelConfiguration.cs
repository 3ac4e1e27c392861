using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Channels;

namespace Overal.Core.Persistence;

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
