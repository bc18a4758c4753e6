using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PlanApproval_QuoteTiers_PairedCounties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DeliveryAddress",
                table: "SupplyAgreements",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "DeliveryAddress",
                table: "ProcurementPlans",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<int>(
                name: "Approval",
                table: "ProcurementPlans",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAtUtc",
                table: "ProcurementPlans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedByUserId",
                table: "ProcurementPlans",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeliveryAddressId",
                table: "ProcurementPlans",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PairedCountiesOnly",
                table: "ProcurementPlans",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "ProcurementPlans",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SuppliersNotifiedAtUtc",
                table: "ProcurementPlans",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PairedCounties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    CountyCode = table.Column<string>(type: "character(6)", fixedLength: true, maxLength: 6, nullable: false),
                    AddedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PairedCounties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PairedCounties_Divisions_CountyCode",
                        column: x => x.CountyCode,
                        principalTable: "Divisions",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PairedCounties_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanQuoteRevisionTiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MinQuantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    PlanQuoteRevisionId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanQuoteRevisionTiers", x => x.Id);
                    table.CheckConstraint("CK_PlanQuoteRevisionTiers_Positive", "\"MinQuantity\" >= 1 AND \"UnitPriceFen\" >= 1");
                    table.ForeignKey(
                        name: "FK_PlanQuoteRevisionTiers_PlanQuoteRevisions_PlanQuoteRevision~",
                        column: x => x.PlanQuoteRevisionId,
                        principalTable: "PlanQuoteRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanQuoteTiers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MinQuantity = table.Column<int>(type: "integer", nullable: false),
                    UnitPriceFen = table.Column<long>(type: "bigint", nullable: false),
                    PlanQuoteId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanQuoteTiers", x => x.Id);
                    table.CheckConstraint("CK_PlanQuoteTiers_Positive", "\"MinQuantity\" >= 1 AND \"UnitPriceFen\" >= 1");
                    table.ForeignKey(
                        name: "FK_PlanQuoteTiers_PlanQuotes_PlanQuoteId",
                        column: x => x.PlanQuoteId,
                        principalTable: "PlanQuotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlans_DeliveryAddressId",
                table: "ProcurementPlans",
                column: "DeliveryAddressId");

            migrationBuilder.CreateIndex(
                name: "IX_ProcurementPlans_OrganisationId_Approval",
                table: "ProcurementPlans",
                columns: new[] { "OrganisationId", "Approval" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_ProcurementPlans_Approval",
                table: "ProcurementPlans",
                sql: "\"Approval\" IN (0, 1, 2) AND (\"Approval\" <> 2 OR \"RejectionReason\" IS NOT NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "CK_ProcurementPlans_Counties",
                table: "ProcurementPlans",
                sql: "NOT (\"PairedCountiesOnly\" AND \"ProvinceCode\" IS NOT NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_PairedCounties_CountyCode",
                table: "PairedCounties",
                column: "CountyCode");

            migrationBuilder.CreateIndex(
                name: "IX_PairedCounties_OrganisationId_CountyCode",
                table: "PairedCounties",
                columns: new[] { "OrganisationId", "CountyCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuoteRevisionTiers_PlanQuoteRevisionId",
                table: "PlanQuoteRevisionTiers",
                column: "PlanQuoteRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanQuoteTiers_PlanQuoteId",
                table: "PlanQuoteTiers",
                column: "PlanQuoteId");

            migrationBuilder.AddForeignKey(
                name: "FK_ProcurementPlans_DeliveryAddresses_DeliveryAddressId",
                table: "ProcurementPlans",
                column: "DeliveryAddressId",
                principalTable: "DeliveryAddresses",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ProcurementPlans_DeliveryAddresses_DeliveryAddressId",
                table: "ProcurementPlans");

            migrationBuilder.DropTable(
                name: "PairedCounties");

            migrationBuilder.DropTable(
                name: "PlanQuoteRevisionTiers");

            migrationBuilder.DropTable(
                name: "PlanQuoteTiers");

            migrationBuilder.DropIndex(
                name: "IX_ProcurementPlans_DeliveryAddressId",
                table: "ProcurementPlans");

            migrationBuilder.DropIndex(
                name: "IX_ProcurementPlans_OrganisationId_Approval",
                table: "ProcurementPlans");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ProcurementPlans_Approval",
                table: "ProcurementPlans");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ProcurementPlans_Counties",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "Approval",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "DecidedAtUtc",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "DecidedByUserId",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "DeliveryAddressId",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "PairedCountiesOnly",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "ProcurementPlans");

            migrationBuilder.DropColumn(
                name: "SuppliersNotifiedAtUtc",
                table: "ProcurementPlans");

            migrationBuilder.AlterColumn<string>(
                name: "DeliveryAddress",
                table: "SupplyAgreements",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);

            migrationBuilder.AlterColumn<string>(
                name: "DeliveryAddress",
                table: "ProcurementPlans",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(400)",
                oldMaxLength: 400);
        }
    }
}
