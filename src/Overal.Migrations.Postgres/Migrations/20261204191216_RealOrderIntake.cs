using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RealOrderIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "shipping_total",
                table: "orders",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "charged_total",
                table: "order_lines",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "read_problem",
                table: "order_lines",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "order_intake_failures",
                columns: table => new
                {
                    channel_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    failing_since = table.Column<long>(type: "bigint", nullable: false),
                    last_failed_at = table.Column<long>(type: "bigint", nullable: false),
                    rounds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_order_intake_failures", x => x.channel_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "order_intake_failures");

            migrationBuilder.DropColumn(
                name: "shipping_total",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "charged_total",
                table: "order_lines");

            migrationBuilder.DropColumn(
                name: "read_problem",
                table: "order_lines");
        }
    }
}
