using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Stripe_FixedRequestsAndEventRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Request",
                table: "PaymentOutboxMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "GatewayEvents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAtUtc",
                table: "GatewayEvents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Request",
                table: "GatewayCustomers",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_GatewayEvents_ProcessedAtUtc_NextAttemptAtUtc",
                table: "GatewayEvents",
                columns: new[] { "ProcessedAtUtc", "NextAttemptAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GatewayEvents_ProcessedAtUtc_NextAttemptAtUtc",
                table: "GatewayEvents");

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
        }
    }
}
