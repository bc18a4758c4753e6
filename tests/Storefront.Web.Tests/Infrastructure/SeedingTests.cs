using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Storefront.Core.Regions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Infrastructure;

public class EmptyDatabaseFactory : StorefrontFactory
{
    protected override bool WithDemoData => false;
}

public class PostgreSqlEmptyDatabaseFactory : EmptyDatabaseFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public class SeedingOnSqlite(EmptyDatabaseFactory factory) : SeedingTests<EmptyDatabaseFactory>(factory);
public class SeedingOnPostgreSql(PostgreSqlEmptyDatabaseFactory factory) : SeedingTests<PostgreSqlEmptyDatabaseFactory>(factory);

/// <summary>A new deployment migrates and seeds itself on start; a restart seeds nothing more.</summary>
public abstract class SeedingTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task AnEmptyDatabaseIsMigratedAndSeededOnceWithRealisticDemoData()
    {
        Factory.RequireDatabase();
        _ = Factory.CreateClient();
        var counts = await Factory.WithDbAsync(async db => new
        {
            Suppliers = await db.Suppliers.CountAsync(),
            Listings = await db.Listings.CountAsync(l => l.Status == ListingStatus.Published),
            WithoutPhoto = await db.Listings.CountAsync(l => !l.Photos.Any()),
            Organisations = await db.Organisations.CountAsync(),
            Schools = await db.Organisations.CountAsync(o => o.Type == OrganisationType.School),
            Hospitals = await db.Organisations.CountAsync(o => o.Type == OrganisationType.Hospital),
            Agencies = await db.Organisations.CountAsync(o => o.Type == OrganisationType.Agency),
            Categories = await db.Listings.Select(l => l.CategoryId).Distinct().CountAsync(),
            Users = await db.Users.CountAsync(),
            Divisions = await db.Divisions.CountAsync(),
            Designated = await db.DesignatedCounties.Current().CountAsync(),
            OffList = await db.Listings.CountAsync(l => !db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == l.OriginCountyCode)),
        });
        Assert.True(counts.Suppliers >= 12);
        Assert.True(counts.Listings >= 80);
        Assert.Equal(0, counts.WithoutPhoto);
        Assert.True(counts.Organisations >= 15);
        Assert.True(counts is { Schools: >= 5, Hospitals: >= 5, Agencies: >= 5 });
        Assert.Equal(8, counts.Categories);
        Assert.Equal(3213, counts.Divisions);
        Assert.Equal(39, counts.Designated);
        Assert.Equal(0, counts.OffList);

        var credit = await Factory.WithDbAsync(async db =>
            (await db.Suppliers.Select(s => s.CreditCode).ToListAsync()).Concat(await db.Organisations.Select(o => o.CreditCode).ToListAsync()).ToList());
        Assert.All(credit, c => Assert.True(UnifiedSocialCreditCode.IsValid(c), c));

        // A restart on the same database seeds nothing more.
        using (var restarted = Factory.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.CreateClient();
        }
        var after = await Factory.WithDbAsync(async db => (await db.Suppliers.CountAsync(), await db.Listings.CountAsync(), await db.Users.CountAsync()));
        Assert.Equal((counts.Suppliers, 82, counts.Users), after);
    }
}

public class DemoSeedingDefaultsOnSqlite : DemoSeedingDefaultsTests<EmptyDatabaseFactory>;
public class DemoSeedingDefaultsOnPostgreSql : DemoSeedingDefaultsTests<PostgreSqlEmptyDatabaseFactory>;

/// <summary>
/// The demo (with its published admin password) is seeded only in Development or when Demo:Seed says so, and never
/// into a database that holds anything but the demo. Each test starts on a fresh empty database of its own.
/// </summary>
public abstract class DemoSeedingDefaultsTests<TFactory> where TFactory : StorefrontFactory, new()
{
    private static WebApplicationFactory<Program> Start(TFactory database, string environment, string demoSeed) =>
        database.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            // Empty reads as unset, as with no Demo section in appsettings.json.
            b.UseSetting("Demo:Seed", demoSeed);
        });

    private static async Task<(int Users, int Suppliers, int Listings)> CountsAsync(WebApplicationFactory<Program> shop)
    {
        using var scope = shop.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        return (await db.Users.CountAsync(), await db.Suppliers.CountAsync(), await db.Listings.CountAsync());
    }

    [SkippableTheory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task OutsideDevelopmentAnEmptyDatabaseStaysEmptyUnlessDemoSeedIsSet(string environment)
    {
        using var database = new TFactory();
        database.RequireDatabase();
        using var shop = Start(database, environment, "");
        Assert.Equal(HttpStatusCode.OK, (await shop.CreateClient().GetAsync("/healthz")).StatusCode);

        Assert.Equal((0, 0, 0), await CountsAsync(shop));
    }

    [SkippableFact]
    public async Task InDevelopmentAsDotnetRunStartsItAnEmptyDatabaseGetsTheDemoWithNoSetting()
    {
        using var database = new TFactory();
        database.RequireDatabase();
        using var shop = Start(database, "Development", "");
        _ = shop.CreateClient();

        var (users, suppliers, listings) = await CountsAsync(shop);
        Assert.True(users > 0 && suppliers > 0);
        Assert.Equal(82, listings);
        using var scope = shop.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<StorefrontDbContext>().Users.AnyAsync(u => u.Email == DemoData.AdminEmail));
    }

    [SkippableFact]
    public async Task TheStartRefusesToSeedADatabaseThatHoldsAnythingButTheDemoAndChangesNothingInIt()
    {
        using var database = new TFactory();
        database.RequireDatabase();
        using (var production = Start(database, "Production", "false"))
        {
            // A production database with its first real account.
            using var scope = production.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
            var created = await users.CreateAsync(new StorefrontUser { UserName = "ops@shop.example.cn", Email = "ops@shop.example.cn", DisplayName = "运维" }, "Prod-2026-secret!");
            Assert.True(created.Succeeded);
        }

        foreach (var environment in new[] { "Production", "Development" })
        {
            using var seeding = Start(database, environment, "true");
            var e = Assert.ThrowsAny<Exception>(() => seeding.CreateClient());
            var message = (e as InvalidOperationException ?? e.InnerException as InvalidOperationException ?? throw e).Message;
            Assert.Contains("Demo:Seed", message);
            Assert.Contains("not empty", message);
        }

        using var after = Start(database, "Production", "false");
        Assert.Equal((1, 0, 0), await CountsAsync(after));
    }
}
