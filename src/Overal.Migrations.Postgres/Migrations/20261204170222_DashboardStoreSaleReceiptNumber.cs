using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DashboardStoreSaleReceiptNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "receipt_number",
                table: "orders",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            // Till sales recorded before store sales had their own kind were stored as completed click & collect orders
            // of the stores channel; their "created" event says "POS sale …". Only those become store sales.
            migrationBuilder.Sql(
                "UPDATE orders SET delivery_kind = 'StoreSale' WHERE channel_id = 'stores' AND status = 'Completed' AND delivery_kind = 'ClickAndCollect' " +
                "AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = orders.id AND e.type = 'created' AND e.detail LIKE 'POS sale %')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE orders SET delivery_kind = 'ClickAndCollect' WHERE delivery_kind = 'StoreSale'");

            migrationBuilder.DropColumn(
                name: "receipt_number",
                table: "orders");
        }
    }
}
