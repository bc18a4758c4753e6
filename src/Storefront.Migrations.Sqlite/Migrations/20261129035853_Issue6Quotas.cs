using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue6Quotas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CanteenFilings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseFen = table.Column<long>(type: "INTEGER", nullable: true),
                    SharedWithOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    PledgedRatioBasisPoints = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AppliedRatioBasisPoints = table.Column<int>(type: "INTEGER", nullable: true),
                    ReservedFen = table.Column<long>(type: "INTEGER", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CanteenFilings", x => x.Id);
                    table.CheckConstraint("CK_CanteenFilings_Approved", "\"Status\" <> 2 OR \"ReservedFen\" IS NOT NULL");
                    table.CheckConstraint("CK_CanteenFilings_Kind", "(\"Kind\" = 1 AND \"BaseFen\" IS NOT NULL AND \"BaseFen\" > 0 AND \"SharedWithOrganisationId\" IS NULL) OR (\"Kind\" = 2 AND \"BaseFen\" IS NULL AND \"SharedWithOrganisationId\" IS NULL) OR (\"Kind\" = 3 AND \"BaseFen\" IS NULL AND \"SharedWithOrganisationId\" IS NOT NULL AND \"SharedWithOrganisationId\" <> \"OrganisationId\")");
                    table.CheckConstraint("CK_CanteenFilings_Reserved", "\"ReservedFen\" IS NULL OR \"ReservedFen\" >= 0");
                    table.ForeignKey(
                        name: "FK_CanteenFilings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CanteenFilings_Organisations_SharedWithOrganisationId",
                        column: x => x.SharedWithOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuotaCorrections",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CountsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaCorrections", x => x.Id);
                    table.CheckConstraint("CK_QuotaCorrections_NotZero", "\"AmountFen\" <> 0");
                    table.ForeignKey(
                        name: "FK_QuotaCorrections_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuotaDigestsSent",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    WeekOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaDigestsSent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuotaDigestsSent_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuotaImpactTotals",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    CountyCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaImpactTotals", x => new { x.Year, x.Month, x.CountyCode, x.SupplierId });
                });

            migrationBuilder.CreateTable(
                name: "QuotaMonthlyTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaMonthlyTotals", x => new { x.OrganisationId, x.Year, x.Month });
                    table.ForeignKey(
                        name: "FK_QuotaMonthlyTotals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuotaRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 6, nullable: false),
                    RatioBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBelowLastYear = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaRules", x => x.Id);
                    table.CheckConstraint("CK_QuotaRules_Ratio", "\"RatioBasisPoints\" BETWEEN 1 AND 10000");
                });

            migrationBuilder.CreateTable(
                name: "QuotaYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    FilingDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaYears", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CanteenFilings_OrganisationId_Year",
                table: "CanteenFilings",
                columns: new[] { "OrganisationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CanteenFilings_SharedWithOrganisationId",
                table: "CanteenFilings",
                column: "SharedWithOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_CanteenFilings_Year_SharedWithOrganisationId",
                table: "CanteenFilings",
                columns: new[] { "Year", "SharedWithOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_CanteenFilings_Year_Status",
                table: "CanteenFilings",
                columns: new[] { "Year", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaCorrections_OrganisationId",
                table: "QuotaCorrections",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_QuotaCorrections_SourceKey",
                table: "QuotaCorrections",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaDigestsSent_OrganisationId_WeekOf",
                table: "QuotaDigestsSent",
                columns: new[] { "OrganisationId", "WeekOf" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuotaMonthlyTotals_Year_OrganisationId_AmountFen",
                table: "QuotaMonthlyTotals",
                columns: new[] { "Year", "OrganisationId", "AmountFen" });

            migrationBuilder.CreateIndex(
                name: "IX_QuotaRules_Year_RegionCode",
                table: "QuotaRules",
                columns: new[] { "Year", "RegionCode" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CanteenFilings");

            migrationBuilder.DropTable(
                name: "QuotaCorrections");

            migrationBuilder.DropTable(
                name: "QuotaDigestsSent");

            migrationBuilder.DropTable(
                name: "QuotaImpactTotals");

            migrationBuilder.DropTable(
                name: "QuotaMonthlyTotals");

            migrationBuilder.DropTable(
                name: "QuotaRules");

            migrationBuilder.DropTable(
                name: "QuotaYears");
        }
    }
}
