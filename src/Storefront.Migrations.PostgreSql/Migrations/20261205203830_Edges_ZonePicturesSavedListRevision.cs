using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Edges_ZonePicturesSavedListRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "SavedLists",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "SavedLists",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ZonePictures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ZoneKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: false),
                    Height = table.Column<int>(type: "integer", nullable: false),
                    FromListingId = table.Column<int>(type: "integer", nullable: true),
                    ChosenAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChosenByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
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
                name: "ZonePictures");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "SavedLists");

            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "SavedLists");
        }
    }
}
