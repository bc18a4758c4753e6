using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PlanRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcurementPlanRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    CategoryId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Spec = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    WeekdayMask = table.Column<int>(type: "integer", nullable: false),
                    IntervalDays = table.Column<int>(type: "integer", nullable: false),
                    DayOfMonth = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    QuotesCloseOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DeliveryAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    LatestDeliveryTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    PriceCeilingFen = table.Column<long>(type: "bigint", nullable: true),
                    ProvinceCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    PairedCountiesOnly = table.Column<bool>(type: "boolean", nullable: false),
                    Approval = table.Column<int>(type: "integer", nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcurementPlanRevisions", x => x.Id);
                    table.CheckConstraint("CK_ProcurementPlanRevisions_Terms", "\"Revision\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND 1000000 AND \"EndDate\" >= \"StartDate\" AND (\"PriceCeilingFen\" IS NULL OR \"PriceCeilingFen\" >= 1)");
                    table.ForeignKey(
                        name: "FK_ProcurementPlanRevisions_ProcurementPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ProcurementPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlanRevisions_PlanId_Revision",
                table: "ProcurementPlanRevisions",
                columns: new[] { "PlanId", "Revision" },
                unique: true);

            // Each plan posted before revisions were kept gets one row of its current terms.
            migrationBuilder.Sql(Storefront.Core.Demand.PlanRevisionBackfill.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProcurementPlanRevisions");
        }
    }
}
