using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAtUtc",
                table: "PlanQuotes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Status",
                table: "PlanQuotes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AgreementChangeRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AgreementId = table.Column<long>(type: "bigint", nullable: false),
                    RequestedBy = table.Column<int>(type: "integer", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BasedOnVersion = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ListingId = table.Column<int>(type: "integer", nullable: true),
                    UnitPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "integer", nullable: false),
                    Frequency = table.Column<int>(type: "integer", nullable: false),
                    WeekdayMask = table.Column<int>(type: "integer", nullable: false),
                    IntervalDays = table.Column<int>(type: "integer", nullable: false),
                    DayOfMonth = table.Column<int>(type: "integer", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ChangeNoticeDays = table.Column<int>(type: "integer", nullable: false),
                    PriceReview = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
