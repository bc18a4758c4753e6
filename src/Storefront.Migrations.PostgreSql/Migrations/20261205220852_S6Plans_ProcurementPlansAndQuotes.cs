using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class S6Plans_ProcurementPlansAndQuotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProcurementPlans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
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
                    DeliveryAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LatestDeliveryTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    PriceCeilingFen = table.Column<long>(type: "bigint", nullable: true),
                    ProvinceCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: true),
                    PostedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PostedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcurementPlans", x => x.Id);
                    table.CheckConstraint("CK_ProcurementPlans_Ceiling", "\"PriceCeilingFen\" IS NULL OR \"PriceCeilingFen\" >= 1");
                    table.CheckConstraint("CK_ProcurementPlans_Frequency", "\"Frequency\" IN (0, 1, 2)");
                    table.CheckConstraint("CK_ProcurementPlans_Period", "\"EndDate\" >= \"StartDate\" AND \"QuotesCloseOn\" <= \"EndDate\"");
                    table.CheckConstraint("CK_ProcurementPlans_Quantity", "\"QuantityPerDelivery\" BETWEEN 1 AND 1000000");
                    table.CheckConstraint("CK_ProcurementPlans_Revision", "\"Revision\" >= 1");
                    table.ForeignKey(
                        name: "FK_ProcurementPlans_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProcurementPlans_Divisions_ProvinceCode",
                        column: x => x.ProvinceCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ProcurementPlans_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanQuotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<long>(type: "bigint", nullable: false),
                    SupplierId = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "integer", nullable: false),
                    FirstDeliveryOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ListingId = table.Column<int>(type: "integer", nullable: true),
                    PlanRevision = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanQuotes", x => x.Id);
                    table.CheckConstraint("CK_PlanQuotes_Positive", "\"UnitPriceFen\" >= 1 AND \"QuantityPerDelivery\" >= 1 AND \"Revision\" >= 1");
                    table.ForeignKey(
                        name: "FK_PlanQuotes_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanQuotes_ProcurementPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ProcurementPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanQuotes_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanQuoteRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuoteId = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    QuantityPerDelivery = table.Column<int>(type: "integer", nullable: false),
                    FirstDeliveryOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ListingId = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanQuoteRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanQuoteRevisions_PlanQuotes_QuoteId",
                        column: x => x.QuoteId,
                        principalTable: "PlanQuotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuoteRevisions_QuoteId_Revision",
                table: "PlanQuoteRevisions",
                columns: new[] { "QuoteId", "Revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuotes_ListingId",
                table: "PlanQuotes",
                column: "ListingId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuotes_PlanId_SupplierId",
                table: "PlanQuotes",
                columns: new[] { "PlanId", "SupplierId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuotes_SupplierId",
                table: "PlanQuotes",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlans_CategoryId_QuotesCloseOn",
                table: "ProcurementPlans",
                columns: new[] { "CategoryId", "QuotesCloseOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlans_OrganisationId_PostedAtUtc",
                table: "ProcurementPlans",
                columns: new[] { "OrganisationId", "PostedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlans_ProvinceCode",
                table: "ProcurementPlans",
                column: "ProvinceCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanQuoteRevisions");

            migrationBuilder.DropTable(
                name: "PlanQuotes");

            migrationBuilder.DropTable(
                name: "ProcurementPlans");
        }
    }
}
