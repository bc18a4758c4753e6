using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Storefront.Core.Data;

namespace Storefront.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting the web application.</summary>
public class DesignTimeFactory : IDesignTimeDbContextFactory<StorefrontDbContext>
{
    public StorefrontDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StorefrontDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
