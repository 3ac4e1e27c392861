using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Overal.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AmazonFeedPushJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ix_channel_push_jobs_channel_id_next_check_at",
                table: "channel_push_jobs",
                columns: new[] { "channel_id", "next_check_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "channel_push_jobs");
        }
    }
}
