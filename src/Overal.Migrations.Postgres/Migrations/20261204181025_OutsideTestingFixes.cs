using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "attention_detail",
                table: "orders",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "receipt_number",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ean",
                table: "order_lines",
                type: "character varying(14)",
                maxLength: 14,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(13)",
                oldMaxLength: 13,
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel_sku",
                table: "order_lines",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "match_problem",
                table: "order_lines",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "title",
                table: "order_lines",
                type: "character varying(200)",
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    job_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    submitted_at = table.Column<long>(type: "bigint", nullable: false),
                    next_check_at = table.Column<long>(type: "bigint", nullable: false),
                    rows = table.Column<string>(type: "text", nullable: false)
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

            migrationBuilder.AlterColumn<string>(
                name: "ean",
                table: "order_lines",
                type: "character varying(13)",
                maxLength: 13,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(14)",
                oldMaxLength: 14,
                oldNullable: true);
        }
    }
}
