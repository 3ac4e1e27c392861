using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Overal.Core.Access;
using Overal.Core.Catalog;
using Overal.Core.Channels;
using Overal.Core.Idempotency;
using Overal.Core.Inventory;
using Overal.Core.Sync;

namespace Overal.Core.Persistence;

/// <summary>
/// The hub's one database, on SQLite or PostgreSQL. Tables and columns are snake_case on both, so the few
/// hand-written statements on the hot path (<see cref="SqlRunner"/>) read the same on either provider.
/// Features add their own tables with <see cref="IEntityTypeConfiguration{TEntity}"/> classes in this assembly.
/// ASP.NET Core Identity's tables live here too (asp_net_users, asp_net_roles, …): one database, one migration, and
/// user changes can share a transaction with the rest.
/// </summary>
public sealed class HubDbContext(DbContextOptions<HubDbContext> options) : IdentityDbContext<HubUser, IdentityRole, string>(options)
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Variant> Variants => Set<Variant>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Channel> Channels => Set<Channel>();
    public DbSet<ChannelPoolEntry> ChannelPools => Set<ChannelPoolEntry>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ReservationAllocation> ReservationAllocations => Set<ReservationAllocation>();
    public DbSet<ChannelSyncState> SyncStates => Set<ChannelSyncState>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Unix milliseconds: ordered and comparable on SQLite too (EF cannot compare DateTimeOffset text there).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
        SnakeCaseNaming.Apply(modelBuilder);
    }
}
