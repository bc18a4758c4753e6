using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Platform832;
using Storefront.Platform832.ReferenceData;

namespace Storefront.Platform832.Tests.Sync;

/// <summary>
/// Listings against a platform whose categories share no code with the shop's and whose county list is its own: a
/// listing waits, with its reason, until an admin maps its category or the platform lists its county, then goes.
/// </summary>
public class MappingTests
{
    private const string Code = "S433127001";

    private static Task<ListingSyncRecord> RecordAsync(AdapterHarness h, int id) =>
        h.WithDbAsync(db => db.ListingSyncRecords.AsNoTracking().SingleAsync(r => r.ListingId == id));

    private static Task<(CategoryMappings.Problem, int)> MapAsync(AdapterHarness h, string slug, string platformCode) => h.WithDbAsync(async db =>
    {
        var category = await db.Categories.SingleAsync(c => c.Slug == slug);
        var result = await CategoryMappings.MapAsync(db, category.Id, platformCode, "admin@demo.storefront.cn", DateTime.UtcNow, default);
        await db.SaveChangesAsync();
        return result;
    });

    [Fact]
    public async Task AListingOfAnUnmappedCategoryWaitsWithThatReasonAndGoesOutOnceItsCategoryIsMapped()
    {
        await using var h = await AdapterHarness.StartAsync(mapCategories: false);
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];

        var result = await h.SyncAsync();

        // The reference data is read first (the platform's categories and counties), and nothing is sent.
        Assert.Equal((1, 0), (result.Listings, result.Requests));
        Assert.Empty(h.Platform.State.Products());
        var waiting = await RecordAsync(h, id);
        Assert.Equal((ListingSyncState.Waiting, ListingWaitReasons.CategoryUnmapped, (int?)null), (waiting.State, waiting.WaitReasons, waiting.RevisionSent));
        Assert.Equal(0, await h.WithDbAsync(db => db.PendingJobsAsync()));
        Assert.Equal(25, await h.WithDbAsync(db => db.Platform832Categories.CountAsync()));
        Assert.Equal(0, (await h.SyncAsync()).Listings);

        Assert.Equal((CategoryMappings.Problem.UnknownPlatformCategory, 0), await MapAsync(h, "tea", "0503"));
        Assert.Equal((CategoryMappings.Problem.None, 1), await MapAsync(h, "tea", "150001"));
        Assert.Equal(1, (await h.SyncAsync()).Acknowledged);

        var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
        Assert.Equal(("150001", 1), (product.Fields.CategoryCode, product.Revision));
        var sent = await RecordAsync(h, id);
        Assert.Equal((ListingSyncState.InStep, ListingWaitReasons.None, (int?)1), (sent.State, sent.WaitReasons, sent.RevisionAcknowledged));
    }

    [Fact]
    public async Task AWaitingListingTakenOffSaleBeforeItWasEverSentWaitsNoMore()
    {
        await using var h = await AdapterHarness.StartAsync(mapCategories: false);
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.SyncAsync();
        Assert.Equal(ListingSyncState.Waiting, (await RecordAsync(h, id)).State);

        await h.ChangeAsync(id, l => l.Status = ListingStatus.Unpublished);
        await h.SyncAsync();

        Assert.Equal(0, await h.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.ListingId == id)));
        Assert.Empty(h.Platform.State.Products());
    }

    [Fact]
    public async Task SuggestionsByNameMapEveryShopCategoryToAPlatformCategoryOfTheSameKind()
    {
        await using var h = await AdapterHarness.StartAsync(mapCategories: false);
        Assert.Equal(9, await h.MapCategoriesAsync());
        var mapped = await h.WithDbAsync(db => db.Platform832CategoryMappings.Select(m => new { m.Category.Slug, m.PlatformCategoryCode })
            .ToDictionaryAsync(m => m.Slug, m => m.PlatformCategoryCode));
        Assert.Equal(new Dictionary<string, string>
        {
            ["rice"] = "110001", ["oils"] = "110002", ["fruit"] = "120001", ["vegetables"] = "120002", ["meat"] = "130001",
            ["eggs"] = "130003", ["dried-goods"] = "140001", ["honey"] = "140002", ["tea"] = "150001",
        }, mapped);
    }

    [Fact]
    public async Task AListingFromACountyThePlatformDoesNotListWaitsAndGoesOutWhenTheListIsReadWithIt()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        // 石门县 is designated in the shop but not on this platform's list.
        var id = (await h.AddListingsAsync(supplier.Id, 1, county: "430726"))[0];

        await h.SyncAsync();
        var waiting = await RecordAsync(h, id);
        Assert.Equal((ListingSyncState.Waiting, ListingWaitReasons.CountyNotAccepted), (waiting.State, waiting.WaitReasons));
        Assert.Empty(h.Platform.State.Products());

        h.Platform.State.AcceptCounty("430726", "石门县", "湖南省");
        var read = await h.InScopeAsync<PlatformReferenceData, PlatformReferenceData.Outcome>(r => r.RefreshAsync());
        Assert.Equal((1, (string?)null), (read.Requeued, read.Error));
        await h.SyncAsync();
        Assert.Equal("430726", h.Platform.State.Product(Code, Listing.CodeOf(id))!.Fields.OriginCountyCode);
        Assert.Equal(ListingSyncState.InStep, (await RecordAsync(h, id)).State);
    }

    [Fact]
    public async Task RemappingACategorySendsItsListingsOnThePlatformAgainUnderANewRevision()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var ids = await h.AddListingsAsync(supplier.Id, 2);
        await h.SyncAsync();

        Assert.Equal((CategoryMappings.Problem.None, 2), await MapAsync(h, "tea", "150002"));
        await h.SyncAsync();

        foreach (var id in ids)
        {
            var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
            Assert.Equal(("150002", 2), (product.Fields.CategoryCode, product.Revision));
        }
        Assert.Equal(0, await h.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.State != ListingSyncState.InStep)));
    }

    [Fact]
    public async Task ThePlatformGetsThePriceOfTheMinimumOrdersTier()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.ChangeAsync(id, l => l.SetPricing(20, [new PriceTier(20, 6600), new PriceTier(50, 6400), new PriceTier(200, 6100)]));

        await h.SyncAsync();

        var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
        Assert.Equal((6600L, 20), (product.Fields.PriceFen, product.Fields.MinOrderQty));
    }
}
