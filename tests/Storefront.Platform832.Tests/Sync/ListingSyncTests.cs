using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Platform832;
using Storefront.Platform832.Simulator;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Tests.Sync;

public class ListingSyncTests
{
    private const string Code = "S433127001";

    [Fact]
    public async Task SeveralChangesOfAListingBecomeOneRequestWithItsLatestRevision()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.ChangeAsync(id, l => l.Stock = 5);
        await h.ChangeAsync(id, l => l.Stock = 7);
        var before = h.Platform.Requests;

        var result = await h.SyncAsync();

        Assert.Equal(1, result.Listings);
        Assert.Equal(1, h.Platform.Requests - before);
        var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
        Assert.Equal(3, product.Revision);
        Assert.Equal(7, product.Fields.Stock);
        Assert.Equal(6800, product.Fields.PriceFen);
        Assert.StartsWith("https://shop.example.cn/media/photos/", product.Fields.ImageUrls[0]);
        var record = await h.WithDbAsync(db => db.ListingSyncRecords.SingleAsync(r => r.ListingId == id));
        Assert.Equal((3, 3, ListingSyncState.InStep), (record.RevisionSent, record.RevisionAcknowledged, record.State));
        Assert.Equal(product.PlatformProductId, record.PlatformProductId);
        Assert.Equal(PlatformAuditStatus.Pending, record.AuditStatus);
        Assert.Equal(0, await h.WithDbAsync(db => db.PendingJobsAsync()));
    }

    [Fact]
    public async Task ListingsGoInBatchesOfFiftyPerSupplier()
    {
        await using var h = await AdapterHarness.StartAsync();
        var a = await h.AddSupplierAsync("S1");
        var b = await h.AddSupplierAsync("S2");
        await h.AddListingsAsync(a.Id, 120);
        await h.AddListingsAsync(b.Id, 10);
        var before = h.Platform.Requests;

        var result = await h.SyncAsync();

        Assert.Equal(130, result.Acknowledged);
        Assert.Equal(4, result.Requests);
        Assert.Equal(4, h.Platform.Requests - before);
        Assert.Equal(130, h.Platform.State.Products().Count);
    }

    [Fact]
    public async Task UnpublishedAndDeletedListingsAreDelistedAndListingsWithoutASupplierCodeAreNotSent()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var ids = await h.AddListingsAsync(supplier.Id, 3);
        var offPlatform = await h.AddSupplierAsync(null);
        await h.AddListingsAsync(offPlatform.Id, 2);
        await h.SyncAsync();
        await h.ChangeAsync(ids[0], l => l.Status = ListingStatus.Unpublished);
        await h.ChangeAsync(ids[1], l => l.Status = ListingStatus.Deleted);

        await h.SyncAsync();

        Assert.True(h.Platform.State.Product(Code, Listing.CodeOf(ids[0]))!.Delisted);
        Assert.True(h.Platform.State.Product(Code, Listing.CodeOf(ids[1]))!.Delisted);
        Assert.False(h.Platform.State.Product(Code, Listing.CodeOf(ids[2]))!.Delisted);
        Assert.Equal(3, h.Platform.State.Products().Count);
        Assert.Equal(0, await h.WithDbAsync(db => db.PendingJobsAsync()));

        await h.ChangeAsync(ids[0], l => l.Status = ListingStatus.Published);
        await h.SyncAsync();
        Assert.False(h.Platform.State.Product(Code, Listing.CodeOf(ids[0]))!.Delisted);
    }

    [Fact]
    public async Task ARefusedRevisionKeepsTheFieldReasonsForTheSupplierAndIsNotSentAgain()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == id).ExecuteDeleteAsync());

        var result = await h.SyncAsync();

        Assert.Equal(1, result.Refused);
        var record = await h.WithDbAsync(db => db.ListingSyncRecords.SingleAsync(r => r.ListingId == id));
        Assert.Equal(ListingSyncState.Refused, record.State);
        Assert.Equal("imageUrls: REQUIRED", record.FieldErrors);
        Assert.Contains("40001", record.LastError);

        await h.WithDbAsync(async db => { db.ListingSyncJobs.Add(ListingSyncJob.For(id, DateTime.UtcNow)); await db.SaveChangesAsync(); });
        var before = h.Platform.Requests;
        await h.SyncAsync();
        Assert.Equal(before, h.Platform.Requests);
    }

    [Fact]
    public async Task AStaleRevisionRaisesOursAboveThePlatformsAndSendsItAgain()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        // The platform already holds revision 10 of this product (say, from before a restore of our database).
        h.Platform.State.Upsert(Code, Listing.CodeOf(id), new ProductFields(10, "旧", "150001", "433127", null, "盒", "1", 1, 1, 1, ["https://x.cn/a.jpg"], ""));

        await h.SyncUntilIdleAsync();

        var listing = await h.WithDbAsync(db => db.Listings.SingleAsync(l => l.Id == id));
        Assert.Equal(11, listing.Revision);
        var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
        Assert.Equal(11, product.Revision);
        Assert.Equal(listing.Title, product.Fields.Title);
        var record = await h.WithDbAsync(db => db.ListingSyncRecords.SingleAsync(r => r.ListingId == id));
        Assert.Equal((11, ListingSyncState.InStep), (record.RevisionAcknowledged, record.State));
    }

    [Fact]
    public async Task FailuresAreRetriedThenParkedForAnAdminWhoseRetrySendsItAgain()
    {
        await using var h = await AdapterHarness.StartAsync(o => o.Faults.ErrorRate = 1,
            new Dictionary<string, string?> { ["Platform832:MaxAttempts"] = "3", ["Platform832:FaultAttempts"] = "1" });
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];

        Assert.Equal(1, (await h.SyncAsync()).Failed);
        Assert.Equal(ListingSyncState.Retrying, await h.WithDbAsync(db => db.ListingSyncRecords.Where(r => r.ListingId == id).Select(r => r.State).SingleAsync()));
        await h.SyncAsync();
        Assert.Equal(1, (await h.SyncAsync()).Parked);
        var record = await h.WithDbAsync(db => db.ListingSyncRecords.SingleAsync(r => r.ListingId == id));
        Assert.Equal(ListingSyncState.Parked, record.State);
        Assert.NotNull(record.ParkedAtUtc);
        Assert.Matches(@"(^|\D)500(\D|$)", record.LastError);
        Assert.Equal(0, await h.WithDbAsync(db => db.PendingJobsAsync()));
        Assert.Equal(0, (await h.SyncAsync()).Listings);

        h.Platform.Faults = new FaultSettings();
        await h.WithDbAsync(async db => { await ListingSync.RetryAsync(db, id, DateTime.UtcNow); await db.SaveChangesAsync(); });
        await h.SyncAsync();
        Assert.Equal(ListingSyncState.InStep, await h.WithDbAsync(db => db.ListingSyncRecords.Where(r => r.ListingId == id).Select(r => r.State).SingleAsync()));
    }
}
