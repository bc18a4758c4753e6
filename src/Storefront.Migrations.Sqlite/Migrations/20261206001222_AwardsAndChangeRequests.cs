using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AwardsAndChangeRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AwardedQuantityPerDelivery",
                table: "ProcurementPlans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAtUtc",
                table: "PlanQuotes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "PlanQuotes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AgreementChangeRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ListingId = table.Column<int>(type: "INTEGER", nullable: true),
                    UnitPriceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekdayMask = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DayOfMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ChangeNoticeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceReview = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementChangeRequests", x => x.Id);
                    table.CheckConstraint("CK_AgreementChangeRequests_Status", "\"Status\" IN (0, 1, 2, 3) AND (\"Status\" = 0) = (\"DecidedAtUtc\" IS NULL) AND (\"Status\" = 2) = (\"RefusalReason\" IS NOT NULL)");
                    table.CheckConstraint("CK_AgreementChangeRequests_Terms", "\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND 1000000 AND \"EndDate\" >= \"StartDate\" AND \"ChangeNoticeDays\" BETWEEN 0 AND 60");
                    table.ForeignKey(
                        name: "FK_AgreementChangeRequests_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AgreementChangeRequests_SupplyAgreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "SupplyAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_ProcurementPlans_Awarded",
                table: "ProcurementPlans",
                sql: "\"AwardedQuantityPerDelivery\" BETWEEN 0 AND \"QuantityPerDelivery\"");

            migrationBuilder.AddCheckConstraint(
                name: "CK_PlanQuotes_Status",
                table: "PlanQuotes",
                sql: "\"Status\" IN (0, 1, 2) AND (\"Status\" = 0) = (\"DecidedAtUtc\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementChangeRequests_AgreementId_RequestedAtUtc",
                table: "AgreementChangeRequests",
                columns: new[] { "AgreementId", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementChangeRequests_ListingId",
                table: "AgreementChangeRequests",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_AgreementChangeRequests_OnePending",
                table: "AgreementChangeRequests",
                column: "AgreementId",
                unique: true,
                filter: "\"Status\" = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementChangeRequests");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ProcurementPlans_Awarded",
                table: "ProcurementPlans");

            migrationBuilder.DropCheckConstraint(
                name: "CK_PlanQuotes_Status",
                table: "PlanQuotes");

            migrationBuilder.DropColumn(
                name: "AwardedQuantityPerDelivery",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "DecidedAtUtc",
                table: "PlanQuotes");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "PlanQuotes");
        }
    }
}
