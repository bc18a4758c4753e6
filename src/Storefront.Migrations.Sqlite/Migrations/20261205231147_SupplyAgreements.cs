using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SupplyAgreements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SupplyAgreements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PlanId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuoteId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Spec = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DeliveryAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LatestDeliveryTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
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
                    AwardedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplyAgreements", x => x.Id);
                    table.CheckConstraint("CK_SupplyAgreements_Notice", "\"ChangeNoticeDays\" BETWEEN 0 AND 60");
                    table.CheckConstraint("CK_SupplyAgreements_Status", "\"Status\" IN (0, 1) AND (\"Status\" = 0) = (\"EndedAtUtc\" IS NULL)");
                    table.CheckConstraint("CK_SupplyAgreements_Terms", "\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" BETWEEN 1 AND 1000000 AND \"EndDate\" >= \"StartDate\"");
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_PlanQuotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "PlanQuotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_ProcurementPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ProcurementPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplyAgreements_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AgreementVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
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
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ChangedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgreementVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgreementVersions_SupplyAgreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "SupplyAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StandingDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgreementId = table.Column<long>(type: "INTEGER", nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StandingDeliveries", x => x.Id);
                    table.CheckConstraint("CK_StandingDeliveries_Quantity", "\"Quantity\" BETWEEN 0 AND 1000000");
                    table.CheckConstraint("CK_StandingDeliveries_Status", "\"Status\" IN (0, 1, 2, 3) AND (\"Status\" <> 2 OR \"OrderId\" IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_StandingDeliveries_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StandingDeliveries_SupplyAgreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "SupplyAgreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgreementVersions_AgreementId_Version",
                table: "AgreementVersions",
                columns: new[] { "AgreementId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StandingDeliveries_AgreementId_DeliveryDate",
                table: "StandingDeliveries",
                columns: new[] { "AgreementId", "DeliveryDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StandingDeliveries_OrderId",
                table: "StandingDeliveries",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_CategoryId",
                table: "SupplyAgreements",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_ListingId",
                table: "SupplyAgreements",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_OrganisationId_Status",
                table: "SupplyAgreements",
                columns: new[] { "OrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_PlanId",
                table: "SupplyAgreements",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_QuoteId",
                table: "SupplyAgreements",
                column: "QuoteId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplyAgreements_SupplierId_Status",
                table: "SupplyAgreements",
                columns: new[] { "SupplierId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgreementVersions");

            migrationBuilder.DropTable(
                name: "StandingDeliveries");

            migrationBuilder.DropTable(
                name: "SupplyAgreements");
        }
    }
}
