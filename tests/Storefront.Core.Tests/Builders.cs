using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Tests;

/// <summary>Test data with sensible defaults: only what a test is about needs saying.</summary>
public static class Builders
{
    private static int _sequence;

    public static async Task<Organisation> AddOrganisationAsync(this StorefrontDbContext db, OrganisationType type = OrganisationType.School, string region = "430104")
    {
        var n = Interlocked.Increment(ref _sequence);
        var organisation = new Organisation
        {
            Name = $"测试单位{n}",
            Type = type,
            CreditCode = UnifiedSocialCreditCode.Complete($"12{region}MB{n:D7}"),
            RegionCode = region,
            Status = VerificationStatus.Verified,
        };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public static async Task<StorefrontUser> AddUserAsync(this StorefrontDbContext db, string? email = null)
    {
        var n = Interlocked.Increment(ref _sequence);
        email ??= $"person{n}@example.cn";
        var user = new StorefrontUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = $"Person {n}" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<Supplier> AddSupplierAsync(this StorefrontDbContext db, VerificationStatus status = VerificationStatus.Verified, string county = "433127")
    {
        var n = Interlocked.Increment(ref _sequence);
        var supplier = new Supplier
        {
            Name = $"测试合作社{n}",
            Kind = SupplierKind.Cooperative,
            CreditCode = UnifiedSocialCreditCode.Complete($"93{county}MA{n:D7}"),
            CountyCode = county,
            Status = status,
        };
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync();
        return supplier;
    }

    /// <summary>A listing of 永顺莓茶 by the supplier: minimum order 10, tiers 10 → ¥68, 50 → ¥64.60.</summary>
    public static ListingInput TeaInput(this StorefrontDbContext db, string title = "永顺莓茶 250g") => new(
        title, db.Categories.Single(c => c.Slug == "tea").Id, "433127", "盒", "250g/盒", 10,
        [new PriceTier(10, 6800), new PriceTier(50, 6460)], 100, 2, null, "高山莓茶");

    public static async Task<Listing> AddListingAsync(this StorefrontDbContext db, Supplier supplier, ListingStatus status = ListingStatus.Published)
    {
        var listing = Listing.Create(supplier.Id, db.TeaInput(), DateTime.UtcNow);
        listing.Status = status;
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        await db.Entry(listing).Collection(l => l.PriceTiers).LoadAsync();
        return listing;
    }

    public static async Task DesignateAsync(this StorefrontDbContext db, params string[] counties)
    {
        foreach (var code in counties) db.DesignatedCounties.Add(new Core.Regions.DesignatedCounty { CountyCode = code, Source = "test", AddedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }
}
