using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Core.Organisations;

#nullable disable

namespace Storefront.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// Cart lines, and the stock a cart line lacks, move their organisation's stamp (issue 13): a kept cart is then
    /// kept by the stamp alone, instead of every line read with each request.
    /// </summary>
    public partial class CartChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrganisationChanges.CreateSqlite(OrganisationChanges.CartTables));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OrganisationChanges.DropSqlite(OrganisationChanges.CartTables));
        }
    }
}
