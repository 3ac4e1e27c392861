using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IntakeOrderAttention : Migration
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

            migrationBuilder.CreateIndex(
                name: "ix_orders_needing_attention",
                table: "orders",
                column: "attention",
                filter: "attention <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
