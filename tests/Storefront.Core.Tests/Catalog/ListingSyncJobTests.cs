using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Tests.Catalog;

public class ListingSyncJobTests
{
    private static async Task<Listing> AddListingAsync(InMemoryDatabase database)
    {
        var db = database.Db;
        var supplier = new Supplier { Name = "合作社", CreditCode = UnifiedSocialCreditCode.Complete("93433127MA0000001"), CountyCode = "433127", Status = VerificationStatus.Verified };
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync();
        var listing = new Listing { Title = "永顺莓茶", Unit = "盒", Spec = "250g", OriginCountyCode = "433127", SupplierId = supplier.Id, CategoryId = (await db.Categories.FirstAsync(c => c.Slug == "tea")).Id };
        listing.SetPricing(10, [new PriceTier(10, 6800)]);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing;
    }

    [Fact]
    public async Task ANewListingAndEveryRevisionWriteASyncJobInTheSameSave()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var listing = await AddListingAsync(database);
        Assert.Equal(listing.Id, (await database.Db.ListingSyncJobs.SingleAsync()).ListingId);

        listing.Stock = 5;
        listing.Revision++;
        await database.Db.SaveChangesAsync();
        Assert.Equal(2, await database.Db.ListingSyncJobs.CountAsync(j => j.ListingId == listing.Id));
    }

    [Fact]
    public async Task AChangeThatDoesNotRaiseTheRevisionWritesNoJob()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var listing = await AddListingAsync(database);
        listing.UpdatedAtUtc = DateTime.UtcNow;
        await database.Db.SaveChangesAsync();
        Assert.Equal(1, await database.Db.ListingSyncJobs.CountAsync());
    }
}
