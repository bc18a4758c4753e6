using Storefront.Core.Regions;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;

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
