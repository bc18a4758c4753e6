using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Platform832.Reconciliation;
using Storefront.Platform832.Simulator;

namespace Storefront.Platform832.Tests.Sync;

public class FollowerTests
{
    private const string Code = "S433127001";
    private const string Hospital = "11430000006151219X"; // API.md's sample: its check character is not valid, and it is imported all the same

    [Fact]
    public async Task AuditDecisionsAreFollowedFromTheStoredCursorAndAnOlderDecisionNeverWins()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var ids = await h.AddListingsAsync(supplier.Id, 3);
        await h.SyncAsync();
        h.Platform.State.Decide(Code, Listing.CodeOf(ids[0]), approve: true, null);
        h.Platform.State.Decide(Code, Listing.CodeOf(ids[1]), approve: false, "图片与商品不符");

        Assert.Equal(2, (await h.FollowAuditsAsync()).Items);
        var records = await h.WithDbAsync(db => db.ListingSyncRecords.ToDictionaryAsync(r => r.ListingId));
        Assert.Equal(PlatformAuditStatus.Approved, records[ids[0]].AuditStatus);
        Assert.Equal((PlatformAuditStatus.Rejected, "图片与商品不符"), (records[ids[1]].AuditStatus, records[ids[1]].RejectReason));
        Assert.Equal(PlatformAuditStatus.Pending, records[ids[2]].AuditStatus);
        var state = await h.WithDbAsync(db => db.Platform832JobStates.SingleAsync(s => s.Name == Platform832JobState.Audits));
        Assert.NotNull(state.UpdatedSinceUtc);
        Assert.Null(state.Cursor);

        // A new revision goes back to PENDING; a decision about the old one, read again, changes nothing.
        await h.ChangeAsync(ids[1], l => l.Title = "永顺莓茶 新包装");
        await h.SyncAsync();
        await h.FollowAuditsAsync();
        Assert.Equal(PlatformAuditStatus.Pending, await h.WithDbAsync(db => db.ListingSyncRecords.Where(r => r.ListingId == ids[1]).Select(r => r.AuditStatus).SingleAsync()));
        h.Platform.State.Decide(Code, Listing.CodeOf(ids[1]), approve: true, null);
        await h.FollowAuditsAsync();
        Assert.Equal(PlatformAuditStatus.Approved, await h.WithDbAsync(db => db.ListingSyncRecords.Where(r => r.ListingId == ids[1]).Select(r => r.AuditStatus).SingleAsync()));
    }

    /// <summary>A platform that knows a hospital the shop does not (yet), and a supplier whose two listings it approved.</summary>
    private static async Task<(AdapterHarness Harness, Core.Suppliers.Supplier Supplier)> WithApprovedListingsAsync()
    {
        var h = await AdapterHarness.StartAsync(o =>
        {
            o.BudgetUnits = [new() { CreditCode = Hospital, Name = "湖南省某某医院", UnitType = "HOSPITAL" }];
        });
        var supplier = await h.AddSupplierAsync(Code);
        var ids = await h.AddListingsAsync(supplier.Id, 2);
        await h.SyncAsync();
        foreach (var id in ids) h.Platform.State.Decide(Code, Listing.CodeOf(id), approve: true, null);
        return (h, supplier);
    }

    [Fact]
    public async Task OrdersCountOnceWithTheirRefundsDatedWhenTheMoneyMovedAndUnmatchedOnesCountWhenMatched()
    {
        var (h, supplier) = await WithApprovedListingsAsync();
        await using var _ = h;
        var order = h.Platform.State.PlaceOrders(1).Single();

        await h.ImportOrdersAsync();
        var stored = await h.WithDbAsync(db => db.Platform832Orders.Include(o => o.Lines).SingleAsync());
        Assert.Null(stored.OrganisationId);
        Assert.Equal(order.TotalFen, stored.TotalFen);
        Assert.Equal(order.Lines.Count, stored.Lines.Count);
        Assert.Equal(0, await h.WithDbAsync(db => db.QuotaEntries.CountAsync()));

        var hospital = await h.AddOrganisationAsync(Hospital);
        await h.ImportOrdersAsync();
        await h.ImportOrdersAsync();
        var entries = await h.WithDbAsync(db => db.QuotaEntries.ToListAsync());
        var payment = Assert.Single(entries);
        Assert.Equal((hospital.Id, QuotaEntryKind.Platform832Order, order.TotalFen), (payment.OrganisationId, payment.Kind, payment.AmountFen));
        Assert.Equal(order.PaidAt!.Value.UtcDateTime, payment.OccurredAtUtc);
        Assert.Equal(order.OrderNo, payment.Reference);
        Assert.Equal(supplier.Id, payment.SupplierId);

        // Shipped, received, then part refunded: only the refund moves the ledger, dated when it was made.
        while (h.Platform.State.Orders().Single().RefundedFen == 0) h.Platform.State.AdvanceOrders(1);
        var refunded = h.Platform.State.Orders().Single();
        await h.ImportOrdersAsync();
        await h.ImportOrdersAsync();
        entries = await h.WithDbAsync(db => db.QuotaEntries.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.Equal(-refunded.RefundedFen, entries[1].AmountFen);
        Assert.Equal(refunded.UpdatedAt.UtcDateTime, entries[1].OccurredAtUtc);
        Assert.Equal(refunded.TotalFen - refunded.RefundedFen, await h.WithDbAsync(db => db.QuotaEntries.SumAsync(e => e.AmountFen)));
    }

    [Fact]
    public async Task APaidAmountThatGoesBackToAnEarlierFigureRecordsEveryChangeAndReconciles()
    {
        var (h, _) = await WithApprovedListingsAsync();
        await using var _ = h;
        await h.AddOrganisationAsync(Hospital);
        var order = h.Platform.State.PlaceOrders(1).Single();
        var first = order.TotalFen;
        await h.ImportOrdersAsync();
        h.Platform.State.ReviseOrderTotal(order.OrderNo, first - 2_000);
        await h.ImportOrdersAsync();
        h.Platform.State.ReviseOrderTotal(order.OrderNo, first);
        await h.ImportOrdersAsync();
        await h.ImportOrdersAsync();

        var entries = await h.WithDbAsync(db => db.QuotaEntries.OrderBy(e => e.Id).Select(e => new { e.AmountFen, e.SourceKey }).ToListAsync());
        Assert.Equal([first, -2_000L, 2_000L], entries.Select(e => e.AmountFen));
        Assert.All(entries, e => Assert.Matches($"^832:{order.OrderNo}:r[0-9]+:paid:[0-9]+$", e.SourceKey));
        Assert.Equal(first, await h.WithDbAsync(db => db.QuotaEntries.SumAsync(e => e.AmountFen)));
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);
        var report = await h.WithDbAsync(db => new QuotaReconciliation(db, [new Orders.Platform832EntrySource(db)]).RunAsync(year));
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
    }

    [Fact]
    public async Task AnOrderTheLedgerRefusedIsNotCountedAndItsCancellationSubtractsNothing()
    {
        var (h, supplier) = await WithApprovedListingsAsync();
        await using var _ = h;
        await h.AddOrganisationAsync(Hospital);
        // The supplier's county is off the list when the order is paid: the ledger refuses the payment.
        await h.WithDbAsync(async db =>
        {
            foreach (var period in await db.DesignatedCounties.Where(c => c.CountyCode == supplier.CountyCode && c.RemovedAtUtc == null).ToListAsync())
                period.Remove(DateTime.UtcNow);
            await db.SaveChangesAsync();
            return 0;
        });
        // The platform stamps times to the millisecond: an order placed within one of the removal could be paid
        // "before" it (this failed once in CI).
        await Task.Delay(5);
        var order = h.Platform.State.PlaceOrders(1).Single();
        await h.ImportOrdersAsync();
        var stored = await h.WithDbAsync(db => db.Platform832Orders.SingleAsync());
        Assert.Equal(0, stored.CountedPaidFen);
        Assert.Equal(0, await h.WithDbAsync(db => db.QuotaEntries.CountAsync()));

        h.Platform.State.CancelOrder(order.OrderNo);
        await h.ImportOrdersAsync();
        Assert.Equal(0, await h.WithDbAsync(db => db.QuotaEntries.CountAsync()));
        Assert.Equal((0L, 0L), await h.WithDbAsync(db => db.Platform832Orders.Select(o => new { o.CountedPaidFen, o.CountedRefundedFen }).SingleAsync()) is var c ? (c.CountedPaidFen, c.CountedRefundedFen) : default);
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);
        var report = await h.WithDbAsync(db => new QuotaReconciliation(db, [new Orders.Platform832EntrySource(db)]).RunAsync(year));
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AmountChangesRefundsCancellationsAndACountyRemovalInRandomOrderLeaveNoDrift(int seed)
    {
        var random = new Random(seed);
        var (h, supplier) = await WithApprovedListingsAsync();
        await using var _ = h;
        await h.AddOrganisationAsync(Hospital);
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);
        var removed = false;
        for (var step = 0; step < 30; step++)
        {
            var orders = h.Platform.State.Orders().Where(o => o.Status != "CANCELLED" && o.RefundedFen == 0).ToList();
            switch (random.Next(5))
            {
                case 0 or 1 when orders.Count > 0:
                    var order = orders[random.Next(orders.Count)];
                    h.Platform.State.ReviseOrderTotal(order.OrderNo, Math.Max(100, order.TotalFen + random.Next(-3, 4) * 1_000));
                    break;
                case 2 when orders.Count > 0:
                    h.Platform.State.CancelOrder(orders[random.Next(orders.Count)].OrderNo);
                    break;
                case 3 when !removed && step > 5:
                    // The supplier's county leaves the list: orders paid from now on do not count, earlier ones still do.
                    await h.WithDbAsync(async db =>
                    {
                        (await db.DesignatedCounties.SingleAsync(c => c.CountyCode == supplier.CountyCode && c.RemovedAtUtc == null)).Remove(DateTime.UtcNow);
                        await db.SaveChangesAsync();
                    });
                    removed = true;
                    break;
                default:
                    if (random.Next(2) == 0) h.Platform.State.PlaceOrders(1);
                    else h.Platform.State.AdvanceOrders(2);
                    break;
            }
            // The import runs now and then, so that some changes are read one by one and others together.
            if (random.Next(3) > 0) await h.ImportOrdersAsync();
        }
        await h.ImportOrdersAsync();

        var report = await h.WithDbAsync(db => new QuotaReconciliation(db, [new Orders.Platform832EntrySource(db)]).RunAsync(year));
        Assert.True(report.IsClean, string.Join("; ", report.Findings));
        var counted = await h.WithDbAsync(db => db.Platform832Orders.SumAsync(o => o.CountedPaidFen - o.CountedRefundedFen));
        Assert.Equal(counted, await h.WithDbAsync(db => db.QuotaEntries.SumAsync(e => e.AmountFen)));
    }

    [Fact]
    public async Task QuotaReconciliationRecomputesImportedOrdersAndReportsAnOrderTheLedgerDoesNotMatch()
    {
        var (h, supplier) = await WithApprovedListingsAsync();
        await using var _ = h;
        var hospital = await h.AddOrganisationAsync(Hospital);
        h.Platform.State.PlaceOrders(2);
        while (h.Platform.State.Orders().All(o => o.RefundedFen == 0)) h.Platform.State.AdvanceOrders(1);
        await h.ImportOrdersAsync();
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);

        Task<QuotaReconciliation.Report> ReconcileAsync() => h.WithDbAsync(db =>
            new QuotaReconciliation(db, [new Orders.Platform832EntrySource(db)]).RunAsync(year));
        var clean = await ReconcileAsync();
        Assert.True(clean.IsClean, string.Join("; ", clean.Findings));
        Assert.True(clean.EntriesChecked >= 3);

        // The platform's figure differs from what the ledger counted (an import that never ran, say).
        var orderNo = await h.WithDbAsync(async db =>
        {
            var order = await db.Platform832Orders.FirstAsync(o => o.RefundedFen > 0);
            order.RefundedFen -= 100;
            await db.SaveChangesAsync();
            return order.OrderNo;
        });
        var drift = await ReconcileAsync();
        var finding = Assert.Single(drift.Findings);
        Assert.Equal(QuotaReconciliation.FindingKind.MissingFromLedger, finding.Kind);
        Assert.Matches($"^832:{orderNo}:r[0-9]+:refund:", finding.SourceKey);
        Assert.Equal(hospital.Id, Assert.Single(drift.Drifts).OrganisationId);
    }

    [Fact]
    public async Task ReconciliationReportsEveryKindOfDriftAndRepairsItByQueuingSyncJobs()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var ids = await h.AddListingsAsync(supplier.Id, 5);
        await h.SyncAsync();
        var now = DateTime.UtcNow;
        // Changes that bypassed the outbox, and a product the platform holds that we never had.
        await h.WithDbAsync(async db =>
        {
            await db.Listings.Where(l => l.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Revision, 5));
            await db.Listings.Where(l => l.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, ListingStatus.Unpublished));
            await db.Listings.Where(l => l.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 1));
        });
        var missing = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.WithDbAsync(db => db.ListingSyncJobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.DoneAtUtc, now)));
        h.Platform.State.Upsert(Code, "L999999", new ProductFields(1, "孤儿", "150001", "433127", null, "盒", "1", 1, 1, 1, ["https://x.cn/a.jpg"], ""));

        var run = await h.InScopeAsync<Reconciliation.ListingReconciliation, Core.Platform832.ReconciliationRun>(async r =>
        {
            var requested = await r.RequestAsync("admin@demo.storefront.cn");
            await r.RunAsync(requested);
            return requested;
        });

        Assert.Equal(ReconciliationRunStatus.Finished, run.Status);
        Assert.Equal((1, 2, 1, 1), (run.Missing, run.Extra, run.Stale, run.Different));
        Assert.Equal(4, run.Queued);
        Assert.Equal(6, run.ProductsChecked);
        var drifts = await h.WithDbAsync(db => db.ReconciliationDrifts.ToListAsync());
        Assert.Contains(drifts, d => d.Kind == DriftKind.Extra && d.ExternalId == "L999999" && !d.Queued);
        Assert.Contains(drifts, d => d.Kind == DriftKind.Missing && d.ListingId == missing && d.Queued);

        await h.SyncUntilIdleAsync();
        // Within the schedule nothing is due, until someone asks.
        Assert.Null(await h.InScopeAsync<Reconciliation.ListingReconciliation, ReconciliationRun?>(r => r.RunDueAsync()));
        using var scope = h.Services.CreateScope();
        var reconciliation = scope.ServiceProvider.GetRequiredService<Reconciliation.ListingReconciliation>();
        await reconciliation.RequestAsync("admin@demo.storefront.cn");
        await scope.ServiceProvider.GetRequiredService<Core.Data.StorefrontDbContext>().SaveChangesAsync();
        var again = await reconciliation.RunDueAsync();
        Assert.NotNull(again);
        Assert.Equal((0, 1, 0, 0), (again.Missing, again.Extra, again.Stale, again.Different));
    }

    private static Task<ReconciliationRun> ReconcileAsync(AdapterHarness h) =>
        h.InScopeAsync<Reconciliation.ListingReconciliation, ReconciliationRun>(async r =>
        {
            var requested = await r.RequestAsync("admin@demo.storefront.cn");
            await r.RunAsync(requested);
            return requested;
        });

    [Fact]
    public async Task AListingTakenOffSaleHereButBackOnSaleThereIsDelistedByTheNextReconciliation()
    {
        await using var h = await AdapterHarness.StartAsync();
        var supplier = await h.AddSupplierAsync(Code);
        var id = (await h.AddListingsAsync(supplier.Id, 1))[0];
        await h.SyncAsync();
        await h.ChangeAsync(id, l => l.Status = ListingStatus.Unpublished);
        await h.SyncAsync();
        Assert.True(h.Platform.State.Product(Code, Listing.CodeOf(id))!.Delisted);
        // An operator of the platform puts it back on sale: our record still says the delist was acknowledged.
        Assert.True(h.Platform.State.PutBackOnSale(Code, Listing.CodeOf(id)));

        var run = await ReconcileAsync(h);
        Assert.Equal((1, 1), (run.Extra, run.Queued));
        await h.SyncUntilIdleAsync();

        var product = h.Platform.State.Product(Code, Listing.CodeOf(id))!;
        Assert.True(product.Delisted);
        var listing = await h.WithDbAsync(db => db.Listings.AsNoTracking().SingleAsync(l => l.Id == id));
        Assert.Equal(listing.Revision, product.Revision);
        var record = await h.WithDbAsync(db => db.ListingSyncRecords.AsNoTracking().SingleAsync(r => r.ListingId == id));
        Assert.Equal((ListingSyncState.InStep, true, (int?)listing.Revision), (record.State, record.Delisted, record.RevisionAcknowledged));
        var again = await ReconcileAsync(h);
        Assert.Equal((0, 0), (again.DriftCount, again.Queued));
    }
}
