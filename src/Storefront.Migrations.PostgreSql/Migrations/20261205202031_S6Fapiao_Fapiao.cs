using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class S6Fapiao_Fapiao : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FapiaoRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    SupplierId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TaxId = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FapiaoRequests", x => x.Id);
                    table.CheckConstraint("CK_FapiaoRequests_Kind", "\"Kind\" IN (1, 2)");
                    table.CheckConstraint("CK_FapiaoRequests_TaxId", "\"Kind\" <> 2 OR \"TaxId\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_FapiaoRequests_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FapiaoRequests_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FapiaoRequests_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IssuedFapiaos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RequestId = table.Column<long>(type: "bigint", nullable: false),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    SupplierId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    ReversesId = table.Column<long>(type: "bigint", nullable: true),
                    StoredName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedFapiaos", x => x.Id);
                    table.CheckConstraint("CK_IssuedFapiaos_Amount", "(\"ReversesId\" IS NULL AND \"AmountFen\" > 0) OR (\"ReversesId\" IS NOT NULL AND \"AmountFen\" < 0)");
                    table.CheckConstraint("CK_IssuedFapiaos_Length", "\"Length\" > 0");
                    table.ForeignKey(
                        name: "FK_IssuedFapiaos_FapiaoRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "FapiaoRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedFapiaos_IssuedFapiaos_ReversesId",
                        column: x => x.ReversesId,
                        principalTable: "IssuedFapiaos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedFapiaos_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FapiaoRequests_OrderId",
                table: "FapiaoRequests",
                column: "OrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FapiaoRequests_OrganisationId",
                table: "FapiaoRequests",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_FapiaoRequests_SupplierId_RequestedAtUtc",
                table: "FapiaoRequests",
                columns: new[] { "SupplierId", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_OrderId",
                table: "IssuedFapiaos",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_OrganisationId",
                table: "IssuedFapiaos",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_RequestId",
                table: "IssuedFapiaos",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_ReversesId",
                table: "IssuedFapiaos",
                column: "ReversesId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_StoredName",
                table: "IssuedFapiaos",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedFapiaos_SupplierId_Number",
                table: "IssuedFapiaos",
                columns: new[] { "SupplierId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedFapiaos");

            migrationBuilder.DropTable(
                name: "FapiaoRequests");
        }
    }
}
