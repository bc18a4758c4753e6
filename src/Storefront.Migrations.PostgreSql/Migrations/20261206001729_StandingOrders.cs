using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class StandingOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangedByUserId",
                table: "StandingDeliveries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmedAtUtc",
                table: "StandingDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmedByUserId",
                table: "StandingDeliveries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "StandingDeliveries",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeldAtUtc",
                table: "StandingDeliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Hold",
                table: "StandingDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StandingOrderLeadDays",
                table: "Organisations",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddCheckConstraint(
                name: "CK_StandingDeliveries_Declined",
                table: "StandingDeliveries",
                sql: "\"Status\" <> 3 OR \"DeclineReason\" IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "CK_StandingDeliveries_Hold",
                table: "StandingDeliveries",
                sql: "\"Hold\" IS NULL OR (\"Hold\" IN (1, 2, 3, 4) AND \"Status\" = 0)");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Organisations_StandingOrderLeadDays",
                table: "Organisations",
                sql: "\"StandingOrderLeadDays\" BETWEEN 1 AND 30");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_StandingDeliveries_Declined",
                table: "StandingDeliveries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_StandingDeliveries_Hold",
                table: "StandingDeliveries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Organisations_StandingOrderLeadDays",
                table: "Organisations");

            migrationBuilder.DropColumn(
                name: "ChangedByUserId",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "ConfirmedAtUtc",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "ConfirmedByUserId",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "HeldAtUtc",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "Hold",
                table: "StandingDeliveries");

            migrationBuilder.DropColumn(
                name: "StandingOrderLeadDays",
                table: "Organisations");
        }
    }
}
