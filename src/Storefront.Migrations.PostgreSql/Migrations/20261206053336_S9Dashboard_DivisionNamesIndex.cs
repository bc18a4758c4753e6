using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class S9Dashboard_DivisionNamesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Divisions_Code_Names",
                table: "Divisions",
                columns: new[] { "Code", "ProvinceCode", "ProvinceName", "PrefectureCode", "PrefectureName", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Divisions_Code_Names",
                table: "Divisions");
        }
    }
}
