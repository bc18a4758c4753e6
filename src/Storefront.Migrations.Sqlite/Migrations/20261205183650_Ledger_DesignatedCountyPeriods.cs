using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ledger_DesignatedCountyPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_DesignatedCounties",
                table: "DesignatedCounties");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "DesignatedCounties",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Sqlite:Autoincrement", true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RemovedAtUtc",
                table: "DesignatedCounties",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddPrimaryKey(
                name: "PK_DesignatedCounties",
                table: "DesignatedCounties",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_DesignatedCounties_CountyCode",
                table: "DesignatedCounties",
                column: "CountyCode",
                unique: true,
                filter: "\"RemovedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DesignatedCounties_CountyCode_AddedAtUtc",
                table: "DesignatedCounties",
                columns: new[] { "CountyCode", "AddedAtUtc" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_DesignatedCounties_Period",
                table: "DesignatedCounties",
                sql: "\"RemovedAtUtc\" IS NULL OR \"RemovedAtUtc\" >= \"AddedAtUtc\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_DesignatedCounties",
                table: "DesignatedCounties");

            migrationBuilder.DropIndex(
                name: "IX_DesignatedCounties_CountyCode",
                table: "DesignatedCounties");

            migrationBuilder.DropIndex(
                name: "IX_DesignatedCounties_CountyCode_AddedAtUtc",
                table: "DesignatedCounties");

            migrationBuilder.DropCheckConstraint(
                name: "CK_DesignatedCounties_Period",
                table: "DesignatedCounties");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "DesignatedCounties");

            migrationBuilder.DropColumn(
                name: "RemovedAtUtc",
                table: "DesignatedCounties");

            migrationBuilder.AddPrimaryKey(
                name: "PK_DesignatedCounties",
                table: "DesignatedCounties",
                column: "CountyCode");
        }
    }
}
