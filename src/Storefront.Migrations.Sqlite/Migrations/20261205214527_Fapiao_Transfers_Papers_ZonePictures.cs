using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Fapiao_Transfers_Papers_ZonePictures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "SavedLists",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "SavedLists",
                type: "TEXT",
                nullable: true);

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
                name: "BankTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PurchaseId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PaymentId = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankTransfers", x => x.Id);
                    table.CheckConstraint("CK_BankTransfers_Amount", "\"AmountFen\" > 0");
                    table.ForeignKey(
                        name: "FK_BankTransfers_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_BankTransfers_Purchases_PurchaseId",
                        column: x => x.PurchaseId,
                        principalTable: "Purchases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FapiaoRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TaxId = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ZonePictures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    ZoneKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    FromListingId = table.Column<int>(type: "INTEGER", nullable: true),
                    ChosenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChosenByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZonePictures", x => x.Id);
                    table.CheckConstraint("CK_ZonePictures_Size", "\"Width\" > 0 AND \"Height\" > 0");
                    table.ForeignKey(
                        name: "FK_ZonePictures_Listings_FromListingId",
                        column: x => x.FromListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "BankTransferShares",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BankTransferId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankTransferShares", x => x.Id);
                    table.CheckConstraint("CK_BankTransferShares_Amount", "\"AmountFen\" > 0");
                    table.ForeignKey(
                        name: "FK_BankTransferShares_BankTransfers_BankTransferId",
                        column: x => x.BankTransferId,
                        principalTable: "BankTransfers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BankTransferShares_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IssuedFapiaos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ReversesId = table.Column<long>(type: "INTEGER", nullable: true),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
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

            migrationBuilder.AddCheckConstraint(
                name: "CK_ReceiptLines_Shortfall",
                table: "ReceiptLine",
                sql: "\"Shortfall\" IS NULL OR \"Shortfall\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_BankTransfers_PaymentId",
                table: "BankTransfers",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_BankTransfers_PurchaseId",
                table: "BankTransfers",
                column: "PurchaseId");

            migrationBuilder.CreateIndex(
                name: "IX_BankTransfers_Reference",
                table: "BankTransfers",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankTransferShares_BankTransferId_OrderId",
                table: "BankTransferShares",
                columns: new[] { "BankTransferId", "OrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankTransferShares_OrderId",
                table: "BankTransferShares",
                column: "OrderId");

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

            migrationBuilder.CreateIndex(
                name: "IX_ZonePictures_FromListingId",
                table: "ZonePictures",
                column: "FromListingId");

            migrationBuilder.CreateIndex(
                name: "IX_ZonePictures_Kind_ZoneKey",
                table: "ZonePictures",
                columns: new[] { "Kind", "ZoneKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankTransferShares");

            migrationBuilder.DropTable(
                name: "IssuedFapiaos");

            migrationBuilder.DropTable(
                name: "SupplierRatings");

            migrationBuilder.DropTable(
                name: "ZonePictures");

            migrationBuilder.DropTable(
                name: "BankTransfers");

            migrationBuilder.DropTable(
                name: "FapiaoRequests");

            migrationBuilder.DropCheckConstraint(
                name: "CK_ReceiptLines_Shortfall",
                table: "ReceiptLine");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "SavedLists");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "SavedLists");

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
