using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Overal.Core.Idempotency;

namespace Overal.Core.Persistence;

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
