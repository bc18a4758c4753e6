using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Core.Organisations;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrganisationVersions",
                columns: table => new
                {
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationVersions", x => x.OrganisationId);
                });
            migrationBuilder.Sql(OrganisationChanges.CreatePostgreSql(OrganisationChanges.TablesBeforeCart));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrganisationChanges.DropPostgreSql(OrganisationChanges.TablesBeforeCart));
            migrationBuilder.DropTable(
                name: "OrganisationVersions");
        }
    }
}
