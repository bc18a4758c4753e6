using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Spec = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekdayMask = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DayOfMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    QuotesCloseOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DeliveryAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    LatestDeliveryTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    PriceCeilingFen = table.Column<long>(type: "INTEGER", nullable: true),
                    ProvinceCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: true),
                    PairedCountiesOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Approval = table.Column<int>(type: "INTEGER", nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Closed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
