using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Storefront.Core.Data;

namespace Storefront.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server or the web application.</summary>
public class DesignTimeFactory : IDesignTimeDbContextFactory<StorefrontDbContext>
{
    public StorefrontDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<StorefrontDbContext>()
            .UseNpgsql("Host=localhost;Database=storefront_design", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
