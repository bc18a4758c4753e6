using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegisteredHouseholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MonitoredHouseholds",
                table: "Suppliers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PovertyLiftedHouseholds",
                table: "Suppliers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Suppliers_MonitoredHouseholds",
                table: "Suppliers",
                sql: "\"MonitoredHouseholds\" IS NULL OR \"MonitoredHouseholds\" >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Suppliers_PovertyLiftedHouseholds",
                table: "Suppliers",
                sql: "\"PovertyLiftedHouseholds\" IS NULL OR \"PovertyLiftedHouseholds\" >= 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Suppliers_MonitoredHouseholds",
                table: "Suppliers");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Suppliers_PovertyLiftedHouseholds",
                table: "Suppliers");

            migrationBuilder.DropColumn(
                name: "MonitoredHouseholds",
                table: "Suppliers");

            migrationBuilder.DropColumn(
                name: "PovertyLiftedHouseholds",
                table: "Suppliers");
        }
    }
}
