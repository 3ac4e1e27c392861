using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutsideTestingFixes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attention",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "attention_detail",
                table: "orders",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "receipt_number",
                table: "orders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel_sku",
                table: "order_lines",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "match_problem",
                table: "order_lines",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "title",
                table: "order_lines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Till sales recorded before store sales had their own kind were stored as completed click & collect orders
            // of the stores channel; their "created" event says "POS sale …". Only those become store sales.
            migrationBuilder.Sql(
                "UPDATE orders SET delivery_kind = 'StoreSale' WHERE channel_id = 'stores' AND status = 'Completed' AND delivery_kind = 'ClickAndCollect' " +
                "AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = orders.id AND e.type = 'created' AND e.detail LIKE 'POS sale %')");

            migrationBuilder.CreateTable(
                name: "channel_push_jobs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    job_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    next_check_at = table.Column<long>(type: "INTEGER", nullable: false),
                    rows = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_channel_push_jobs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_orders_needing_attention",
                table: "orders",
                column: "attention",
                filter: "attention <> 0");

            migrationBuilder.CreateIndex(
                name: "ix_channel_push_jobs_channel_id_next_check_at",
                table: "channel_push_jobs",
                columns: new[] { "channel_id", "next_check_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE orders SET delivery_kind = 'ClickAndCollect' WHERE delivery_kind = 'StoreSale'");

            migrationBuilder.DropTable(
                name: "channel_push_jobs");

            migrationBuilder.DropIndex(
                name: "ix_orders_needing_attention",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention_detail",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "receipt_number",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "channel_sku",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "match_problem",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "title",
                table: "order_lines");
        }
    }
}
