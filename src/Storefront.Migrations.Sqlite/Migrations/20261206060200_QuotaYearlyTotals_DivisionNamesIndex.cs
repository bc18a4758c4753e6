using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuotaYearlyTotals_DivisionNamesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuotaYearlyTotals",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuotaYearlyTotals", x => new { x.OrganisationId, x.Year });
                    table.ForeignKey(
                        name: "FK_QuotaYearlyTotals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // The year's rows of the months that exist, then the triggers that keep them so.
            migrationBuilder.Sql(Storefront.Core.Quotas.YearlyTotalsTriggers.Backfill);
            migrationBuilder.Sql(Storefront.Core.Quotas.YearlyTotalsTriggers.CreateSqlite);

            migrationBuilder.CreateIndex(
                name: "IX_Divisions_Code_Names",
                table: "Divisions",
                columns: new[] { "Code", "ProvinceCode", "ProvinceName", "PrefectureCode", "PrefectureName", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Storefront.Core.Quotas.YearlyTotalsTriggers.DropSqlite);
            migrationBuilder.DropTable(
                name: "QuotaYearlyTotals");

            migrationBuilder.DropIndex(
                name: "IX_Divisions_Code_Names",
                table: "Divisions");
        }
    }
}
