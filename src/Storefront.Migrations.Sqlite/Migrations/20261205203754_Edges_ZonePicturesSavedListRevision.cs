using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "SavedLists",
                type: "TEXT",
                nullable: true);

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
