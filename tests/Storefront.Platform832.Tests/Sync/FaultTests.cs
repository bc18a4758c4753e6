using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Platform832;
using Storefront.Platform832.Simulator;
using Storefront.Platform832.Sync;

namespace Storefront.Platform832.Tests.Sync;

/// <summary>
/// The adapter under the faults API.md warns of: a fifth of requests answered 500/503 (half of them after the write
/// was applied), connections dropped before and after writes, and bursts of 429. However the requests fare, the
/// platform ends holding exactly our latest revisions, and the ledger holds each order once.
/// </summary>
public class FaultTests
{
    private static readonly string[] Buyers = ["12430104MB0000001A", "12430105MB0000002B", "11430000006151219X"];

    [Fact]
    public async Task TwoThousandChangesAndFiveHundredOrdersUnderFaultsEndExactlyInStepAndCountedOnce()
    {
        await using var h = await AdapterHarness.StartAsync(o =>
        {
            o.Faults = new FaultSettings { ErrorRate = 0.2, DropBeforeRate = 0.05, DropAfterRate = 0.05, Burst429Rate = 0.01, Burst429Seconds = 0.3 };
            o.BudgetUnits = Buyers.Select((code, i) => new SimulatorOptions.BudgetUnitSeed { CreditCode = code, Name = $"单位{i}", UnitType = "SCHOOL" }).ToList();
        }, new Dictionary<string, string?> { ["Platform832:MaxAttempts"] = "30", ["Platform832:ListingsPerRun"] = "200" });
        var random = new Random(2026);
        var codes = new[] { "S1", "S2", "S3" };
        var listingIds = new List<int>();
        foreach (var code in codes) listingIds.AddRange(await h.AddListingsAsync((await h.AddSupplierAsync(code)).Id, 100));
        var organisations = new List<Organisation>();
        foreach (var buyer in Buyers) organisations.Add(await h.AddOrganisationAsync(buyer));

        var changes = 0;
        for (var round = 0; round < 20; round++)
        {
            await h.WithDbAsync(async db =>
            {
                var listings = await db.Listings.Include(l => l.PriceTiers).ToDictionaryAsync(l => l.Id);
                for (var i = 0; i < 100; i++)
                {
                    var listing = listings[listingIds[random.Next(listingIds.Count)]];
                    if (listing.Status == ListingStatus.Deleted) { i--; continue; }
                    switch (random.Next(10))
                    {
                        case < 4: listing.Stock = random.Next(0, 5000); break;
                        case < 6: listing.SetPricing(10, [new PriceTier(10, random.Next(100, 20000))]); break;
                        case < 8: listing.Title = $"莓茶 {random.Next(1000)}"; break;
                        case 8: listing.Status = listing.Status == ListingStatus.Published ? ListingStatus.Unpublished : ListingStatus.Published; break;
                        default: listing.Status = random.Next(4) == 0 ? ListingStatus.Deleted : ListingStatus.Published; break;
                    }
                    listing.Revise(DateTime.UtcNow);
                    // Saved one by one, as people make them: every change its own revision and sync job.
                    await db.SaveChangesAsync();
                    changes++;
                }
            });
            await h.SyncAsync();
            foreach (var product in h.Platform.State.Products().Where(p => p.AuditStatus == "PENDING")) h.Platform.State.Decide(product.SupplierCode, product.ExternalId, true, null);
            h.Platform.State.PlaceOrders(25);
            h.Platform.State.AdvanceOrders(30);
            await h.ImportOrdersAsync();
        }
        Assert.Equal(2000, changes);
        h.Platform.State.AdvanceOrders(200);

        await h.SyncUntilIdleAsync();
        for (var run = 0; run < 50 && !await OrdersCaughtUpAsync(h); run++) await h.ImportOrdersAsync();

        // The platform holds exactly our latest revisions: on sale what we offer, delisted at its revision what we do not.
        var ours = await h.WithDbAsync(db => db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Revision, l.Status, l.Stock, l.BasePriceFen, l.Title, Code = l.Supplier.Platform832Code! }).ToListAsync());
        Assert.Equal(0, await h.WithDbAsync(db => db.PendingJobsAsync()));
        Assert.Equal(0, await h.WithDbAsync(db => db.ListingSyncRecords.CountAsync(r => r.State != ListingSyncState.InStep)));
        // Every listing went under the platform's own code for tea, through the mapping the harness accepted.
        var teaCode = await h.PlatformCodeOfAsync("tea");
        Assert.Equal("150001", teaCode);
        foreach (var listing in ours)
        {
            var product = h.Platform.State.Product(listing.Code, Listing.CodeOf(listing.Id));
            if (SyncScope.IsOffered(listing.Status, VerificationStatus.Verified))
            {
                Assert.NotNull(product);
                Assert.Equal((listing.Revision, false, listing.Stock, listing.BasePriceFen, listing.Title, teaCode),
                    (product.Revision, product.Delisted, product.Fields.Stock, product.Fields.PriceFen, product.Fields.Title, product.Fields.CategoryCode));
            }
            else if (product is not null)
            {
                Assert.Equal((listing.Revision, true), (product.Revision, product.Delisted));
            }
        }

        // Each order once: its ledger entries add up to what was paid less what was refunded, no more.
        var platformOrders = h.Platform.State.Orders();
        Assert.Equal(500, platformOrders.Count);
        var counted = await h.WithDbAsync(db => db.QuotaEntries.GroupBy(e => e.Reference!).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Sum));
        Assert.Equal(500, await h.WithDbAsync(db => db.Platform832Orders.CountAsync()));
        foreach (var order in platformOrders)
        {
            var expected = order.Status == "CANCELLED" ? 0 : order.TotalFen - order.RefundedFen;
            Assert.Equal(expected, counted.GetValueOrDefault(order.OrderNo));
        }
        Assert.Contains(platformOrders, o => o.RefundedFen > 0 && o.Status == "REFUNDED");
        Assert.Contains(platformOrders, o => o.Status == "CANCELLED");
    }

    private static async Task<bool> OrdersCaughtUpAsync(AdapterHarness h)
    {
        var stored = await h.WithDbAsync(db => db.Platform832Orders.AsNoTracking().ToDictionaryAsync(o => o.OrderNo, o => o.PlatformUpdatedAtUtc));
        return h.Platform.State.Orders().All(o => stored.TryGetValue(o.OrderNo, out var at) && at == o.UpdatedAt.UtcDateTime);
    }
}
