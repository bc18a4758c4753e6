using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class S6Papers_ShortfallsPhotosRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PhotoContentType",
                table: "Receipts",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhotoName",
                table: "Receipts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Shortfall",
                table: "ReceiptLine",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SupplierRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stars = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupplierRatings", x => x.Id);
                    table.CheckConstraint("CK_SupplierRatings_Stars", "\"Stars\" BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_SupplierRatings_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SupplierRatings_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SupplierRatings_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_ReceiptLines_Shortfall",
                table: "ReceiptLine",
                sql: "\"Shortfall\" IS NULL OR \"Shortfall\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierRatings_OrderId",
                table: "SupplierRatings",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SupplierRatings_OrganisationId",
                table: "SupplierRatings",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SupplierRatings_SupplierId",
                table: "SupplierRatings",
                column: "SupplierId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SupplierRatings");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ReceiptLines_Shortfall",
                table: "ReceiptLine");

            migrationBuilder.DropColumn(
                name: "PhotoContentType",
                table: "Receipts");

            migrationBuilder.DropColumn(
                name: "PhotoName",
                table: "Receipts");

            migrationBuilder.DropColumn(
                name: "Shortfall",
                table: "ReceiptLine");
        }
    }
}
