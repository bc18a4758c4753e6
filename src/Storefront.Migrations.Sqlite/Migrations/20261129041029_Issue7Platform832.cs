using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue7Platform832 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Platform832JobStates",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Cursor = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastItemAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastRunItems = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastErrorAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832JobStates", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "Platform832ListingSyncs",
                columns: table => new
                {
                    ListingId = table.Column<int>(type: "INTEGER", nullable: false),
                    SupplierCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionSent = table.Column<int>(type: "INTEGER", nullable: true),
                    RevisionAcknowledged = table.Column<int>(type: "INTEGER", nullable: true),
                    PlatformProductId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Delisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuditStatus = table.Column<int>(type: "INTEGER", nullable: false),
                    AuditRevision = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AuditDecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FieldErrors = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSyncedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ParkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832ListingSyncs", x => x.ListingId);
                    table.CheckConstraint("CK_Platform832ListingSyncs_Acknowledged", "\"RevisionAcknowledged\" IS NULL OR \"RevisionAcknowledged\" >= 1");
                    table.CheckConstraint("CK_Platform832ListingSyncs_Attempts", "\"Attempts\" >= 0");
                    table.ForeignKey(
                        name: "FK_Platform832ListingSyncs_Listings_ListingId",
                        column: x => x.ListingId,
                        principalTable: "Listings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Platform832Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderNo = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SupplierCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SupplierId = table.Column<int>(type: "INTEGER", nullable: true),
                    BuyerCreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    BuyerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BuyerUnitType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PlatformUpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CountedPaidFen = table.Column<long>(type: "INTEGER", nullable: false),
                    CountedRefundedFen = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832Orders", x => x.Id);
                    table.CheckConstraint("CK_Platform832Orders_Amounts", "\"TotalFen\" >= 0 AND \"RefundedFen\" >= 0 AND \"CountedPaidFen\" >= 0 AND \"CountedRefundedFen\" >= 0");
                    table.CheckConstraint("CK_Platform832Orders_Counted", "\"CountedRefundedFen\" <= \"CountedPaidFen\"");
                    table.ForeignKey(
                        name: "FK_Platform832Orders_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Platform832Orders_Suppliers_SupplierId",
                        column: x => x.SupplierId,
                        principalTable: "Suppliers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Platform832ReconciliationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SuppliersChecked = table.Column<int>(type: "INTEGER", nullable: false),
                    ProductsChecked = table.Column<int>(type: "INTEGER", nullable: false),
                    Missing = table.Column<int>(type: "INTEGER", nullable: false),
                    Extra = table.Column<int>(type: "INTEGER", nullable: false),
                    Stale = table.Column<int>(type: "INTEGER", nullable: false),
                    Different = table.Column<int>(type: "INTEGER", nullable: false),
                    Queued = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832ReconciliationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Platform832OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PlatformProductId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ListingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceFen = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832OrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Platform832OrderLines_Platform832Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Platform832Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Platform832ReconciliationDrifts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    SupplierCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ListingId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Queued = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Platform832ReconciliationDrifts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Platform832ReconciliationDrifts_Platform832ReconciliationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "Platform832ReconciliationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Platform832ListingSyncs_State",
                table: "Platform832ListingSyncs",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Platform832ListingSyncs_SupplierCode_PlatformProductId",
                table: "Platform832ListingSyncs",
                columns: new[] { "SupplierCode", "PlatformProductId" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform832OrderLines_OrderId",
                table: "Platform832OrderLines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_Platform832Orders_OrderNo",
                table: "Platform832Orders",
                column: "OrderNo",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Platform832Orders_OrganisationId_BuyerCreditCode",
                table: "Platform832Orders",
                columns: new[] { "OrganisationId", "BuyerCreditCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Platform832Orders_SupplierId",
                table: "Platform832Orders",
                column: "SupplierId");

            migrationBuilder.CreateIndex(
                name: "IX_Platform832ReconciliationDrifts_RunId",
                table: "Platform832ReconciliationDrifts",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_Platform832ReconciliationRuns_Status_RequestedAtUtc",
                table: "Platform832ReconciliationRuns",
                columns: new[] { "Status", "RequestedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Platform832JobStates");

            migrationBuilder.DropTable(
                name: "Platform832ListingSyncs");

            migrationBuilder.DropTable(
                name: "Platform832OrderLines");

            migrationBuilder.DropTable(
                name: "Platform832ReconciliationDrifts");

            migrationBuilder.DropTable(
                name: "Platform832Orders");

            migrationBuilder.DropTable(
                name: "Platform832ReconciliationRuns");
        }
    }
}
