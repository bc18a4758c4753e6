using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue17_Platform832ReferenceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WaitReasons",
                table: "Platform832ListingSyncs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Platform832Categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ParentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832Categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Platform832CategoryMappings",
                columns: table => new
                {
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    PlatformCategoryCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MappedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MappedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832CategoryMappings", x => x.CategoryId);
                    table.ForeignKey(
                        name: "FK_Platform832CategoryMappings_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Platform832Counties",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Province = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832Counties", x => x.Code);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Platform832ListingSyncs_WaitReasons",
                table: "Platform832ListingSyncs",
                sql: "(\"State\" = 5) = (\"WaitReasons\" <> 0) AND \"WaitReasons\" BETWEEN 0 AND 3");

            migrationBuilder.CreateIndex(
                name: "IX_Platform832CategoryMappings_PlatformCategoryCode",
                table: "Platform832CategoryMappings",
                column: "PlatformCategoryCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Platform832Categories");

            migrationBuilder.DropTable(
                name: "Platform832CategoryMappings");

            migrationBuilder.DropTable(
                name: "Platform832Counties");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Platform832ListingSyncs_WaitReasons",
                table: "Platform832ListingSyncs");

            migrationBuilder.DropColumn(
                name: "WaitReasons",
                table: "Platform832ListingSyncs");
        }
    }
}
