using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Ledger_RefundsMadeAtTheGateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Refunds_GatewayRefundId",
                table: "Refunds");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReversedAtUtc",
                table: "Refunds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefundId_OrderId",
                table: "Refunds",
                columns: new[] { "GatewayRefundId", "OrderId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Refunds_GatewayRefundId_OrderId",
                table: "Refunds");

            migrationBuilder.DropColumn(
                name: "ReversedAtUtc",
                table: "Refunds");

            migrationBuilder.CreateIndex(
                name: "IX_Refunds_GatewayRefundId",
                table: "Refunds",
                column: "GatewayRefundId",
                unique: true);
        }
    }
}
