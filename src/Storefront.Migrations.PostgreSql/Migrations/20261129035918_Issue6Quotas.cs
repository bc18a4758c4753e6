using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    BaseFen = table.Column<long>(type: "bigint", nullable: true),
                    SharedWithOrganisationId = table.Column<int>(type: "integer", nullable: true),
                    PledgedRatioBasisPoints = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ReturnReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AppliedRatioBasisPoints = table.Column<int>(type: "integer", nullable: true),
                    ReservedFen = table.Column<long>(type: "bigint", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    CountsAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SourceKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    WeekOf = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    CountyCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    SupplierId = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaImpactTotals", x => new { x.Year, x.Month, x.CountyCode, x.SupplierId });
                });

            migrationBuilder.CreateTable(
                name: "QuotaMonthlyTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    EntryCount = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    RatioBasisPoints = table.Column<int>(type: "integer", nullable: false),
                    NotBelowLastYear = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
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
                    Year = table.Column<int>(type: "integer", nullable: false),
                    FilingDeadline = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
