using Microsoft.EntityFrameworkCore.Migrations;
using Storefront.Core.Quotas;

#nullable disable

namespace Storefront.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Ledger_AppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger is append-only in the database too (DESIGN.md rule 3).
            migrationBuilder.Sql(AppendOnlyLedger.CreatePostgreSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(AppendOnlyLedger.DropPostgreSql);
        }
    }
}
