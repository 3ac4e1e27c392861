using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddAlertsAndOrderFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "collected_at",
                table: "orders",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ready_for_pickup_at",
                table: "orders",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    severity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    first_seen = table.Column<long>(type: "bigint", nullable: false),
                    last_seen = table.Column<long>(type: "bigint", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    acknowledged_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    acknowledged_at = table.Column<long>(type: "bigint", nullable: true),
                    muted_until = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stock_refusals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    location_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    requested = table.Column<int>(type: "integer", nullable: false),
                    available = table.Column<int>(type: "integer", nullable: false),
                    at = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_refusals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_ready_for_pickup_at",
                table: "orders",
                column: "ready_for_pickup_at");

            migrationBuilder.CreateIndex(
                name: "ix_alerts_key",
                table: "alerts",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_refusals_channel_id_at",
                table: "stock_refusals",
                columns: new[] { "channel_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "stock_refusals");

            migrationBuilder.DropIndex(
                name: "ix_orders_ready_for_pickup_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "collected_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "ready_for_pickup_at",
                table: "orders");
        }
    }
}
