using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Core.Quotas;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PlatformMapping_StripeRequests_LedgerEdges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Refunds_GatewayRefundId",
                table: "Refunds");

            migrationBuilder.DropPrimaryKey(
                name: "PK_DesignatedCounties",
                table: "DesignatedCounties");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReversedAtUtc",
                table: "Refunds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitReasons",
                table: "Platform832ListingSyncs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Request",
                table: "PaymentOutboxMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "GatewayEvents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "GatewayEvents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Request",
                table: "GatewayCustomers",
                type: "TEXT",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefundId_OrderId",
                table: "Refunds",
                columns: new[] { "GatewayRefundId", "OrderId" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_Platform832ListingSyncs_WaitReasons",
                table: "Platform832ListingSyncs",
                sql: "(\"State\" = 5) = (\"WaitReasons\" <> 0) AND \"WaitReasons\" BETWEEN 0 AND 3");

            migrationBuilder.CreateIndex(
                name: "IX_GatewayEvents_ProcessedAtUtc_NextAttemptAtUtc",
                table: "GatewayEvents",
                columns: new[] { "ProcessedAtUtc", "NextAttemptAtUtc" });

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

            migrationBuilder.CreateIndex(
                name: "IX_Platform832CategoryMappings_PlatformCategoryCode",
                table: "Platform832CategoryMappings",
                column: "PlatformCategoryCode");

            // The ledger is append-only in the database too (DESIGN.md rule 3): last, after any table this migration rebuilds.
            migrationBuilder.Sql(AppendOnlyLedger.CreateSqlite);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppendOnlyLedger.DropSqlite);

            migrationBuilder.DropTable(
                name: "Platform832Categories");

            migrationBuilder.DropTable(
                name: "Platform832CategoryMappings");

            migrationBuilder.DropTable(
                name: "Platform832Counties");

            migrationBuilder.DropIndex(
                name: "IX_Refunds_GatewayRefundId_OrderId",
                table: "Refunds");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Platform832ListingSyncs_WaitReasons",
                table: "Platform832ListingSyncs");

            migrationBuilder.DropIndex(
                name: "IX_GatewayEvents_ProcessedAtUtc_NextAttemptAtUtc",
                table: "GatewayEvents");

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
                name: "ReversedAtUtc",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "WaitReasons",
                table: "Platform832ListingSyncs");

            migrationBuilder.DropColumn(
                name: "Request",
                table: "PaymentOutboxMessages");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "GatewayEvents");

            migrationBuilder.DropColumn(
                name: "NextAttemptAtUtc",
                table: "GatewayEvents");

            migrationBuilder.DropColumn(
                name: "Request",
                table: "GatewayCustomers");

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

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefundId",
                table: "Refunds",
                column: "GatewayRefundId",
                unique: true);
        }
    }
}
