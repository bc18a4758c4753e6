using Microsoft.EntityFrameworkCore;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using static Storefront.Core.Ordering.OrderWorkflow;

namespace Storefront.Core.Tests.Ordering;

public class OrderWorkflowTests
{
    private sealed record Scene(InMemoryDatabase Database, OrderingBuilders.Services Services, Organisation School, StorefrontUser Buyer, StorefrontUser Approver,
        Core.Catalog.Listing Listing, long OrderId)
    {
        public Core.Data.StorefrontDbContext Db => Database.Db;
        public Actor BuyerActor => new(Buyer.Id, "buyer");
        public Actor ApproverActor => new(Approver.Id, "approver");
        public Actor SupplierActor => new("supplier-user", "supplier");

        public async Task<Order> OrderAsync()
        {
            Db.ChangeTracker.Clear();
            return (await Services.Workflow.FindAsync(OrderId))!;
        }

        public async Task<int> StockAsync() => (await Db.Listings.AsNoTracking().SingleAsync(l => l.Id == Listing.Id)).Stock;
    }

    /// <summary>A school buys 40 units (¥400) of a listing with 100 in stock; its threshold makes the order wait for approval.</summary>
    private static async Task<Scene> PendingOrderAsync(long threshold = 10_000)
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        school.ApprovalThresholdFen = threshold;
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var approver = await db.AddMemberAsync(school, OrganisationRoles.Approver);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync(), stock: 100, moq: 10, priceFen: 1000);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 40)]);
        var placed = await services.CheckOutAsync(db, school, buyer);
        return new Scene(database, services, school, buyer, approver, listing, placed.Purchase!.Orders.Single().Id);
    }

    [Fact]
    public async Task AnApprovedOrderTakesItsStockAndACancelledOneGivesItBack()
    {
        var scene = await PendingOrderAsync();
        await using var _ = scene.Database;
        Assert.Equal(100, await scene.StockAsync());

        Assert.Equal(Outcome.Done, (await scene.Services.Workflow.ApproveAsync(await scene.OrderAsync(), scene.ApproverActor, "同意")).Outcome);
        Assert.Equal(60, await scene.StockAsync());
        var order = await scene.OrderAsync();
        Assert.Equal(OrderStatus.Approved, order.Status);

        Assert.Equal(Outcome.Done, (await scene.Services.Workflow.CancelAsync(order, scene.BuyerActor, "计划变更")).Outcome);
        Assert.Equal(100, await scene.StockAsync());
        order = await scene.OrderAsync();
        Assert.Equal((OrderStatus.Cancelled, CancellationKind.CancelledByBuyer), (order.Status, order.Cancellation));
        Assert.Null(order.StockReservedAtUtc);
        Assert.Equal([OrderEventKind.Submitted, OrderEventKind.Approved, OrderEventKind.Cancelled],
            await scene.Db.OrderEvents.Where(e => e.OrderId == order.Id).OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
    }

    [Fact]
    public async Task ARejectionNeedsAReasonAndReleasesNothingItNeverTook()
    {
        var scene = await PendingOrderAsync();
        await using var _ = scene.Database;
        Assert.Equal(Outcome.ReasonRequired, (await scene.Services.Workflow.RejectAsync(await scene.OrderAsync(), scene.ApproverActor, " ")).Outcome);
        Assert.Equal(Outcome.Done, (await scene.Services.Workflow.RejectAsync(await scene.OrderAsync(), scene.ApproverActor, "超出预算")).Outcome);
        var order = await scene.OrderAsync();
        Assert.Equal((OrderStatus.Cancelled, CancellationKind.RejectedByApprover, "超出预算"), (order.Status, order.Cancellation, order.CancellationReason));
        Assert.Equal(100, await scene.StockAsync());
        Assert.Equal(Outcome.NotNow, (await scene.Services.Workflow.ApproveAsync(order, scene.ApproverActor, null)).Outcome);
    }

    [Fact]
    public async Task AnApproverCannotApproveTheirOwnOrder()
    {
        var scene = await PendingOrderAsync();
        await using var _ = scene.Database;
        var result = await scene.Services.Workflow.ApproveAsync(await scene.OrderAsync(), new Actor(scene.Buyer.Id, "buyer"), null);
        Assert.Equal(Outcome.OwnOrder, result.Outcome);
        Assert.Equal(OrderStatus.PendingApproval, (await scene.OrderAsync()).Status);
    }

    [Fact]
    public async Task ApprovalIsRefusedWhenTheStockHasGoneAndNothingChanges()
    {
        var scene = await PendingOrderAsync();
        await using var _ = scene.Database;
        await scene.Db.Listings.Where(l => l.Id == scene.Listing.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 39));
        var jobs = await scene.Db.ListingSyncJobs.CountAsync();

        var result = await scene.Services.Workflow.ApproveAsync(await scene.OrderAsync(), scene.ApproverActor, null);

        Assert.Equal((Outcome.NotEnoughStock, scene.Listing.Title), (result.Outcome, result.ListingTitle));
        Assert.Equal(39, await scene.StockAsync());
        Assert.Equal(OrderStatus.PendingApproval, (await scene.OrderAsync()).Status);
        Assert.Equal(jobs, await scene.Db.ListingSyncJobs.CountAsync());
    }

    private sealed record SevenSupplierScene(InMemoryDatabase Database, OrderingBuilders.Services Services, Organisation School,
        StorefrontUser Buyer, StorefrontUser Approver, Purchase Purchase, IReadOnlyList<Core.Catalog.Listing> Listings) : IAsyncDisposable
    {
        public Core.Data.StorefrontDbContext Db => Database.Db;
        public IReadOnlyList<long> OrderIds => Purchase.Orders.OrderBy(o => o.Sequence).Select(o => o.Id).ToList();
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>A school buys 20 units (¥200) from each of seven suppliers: ¥1,400 reaches its ¥1,000 threshold.</summary>
    private static async Task<SevenSupplierScene> SevenSupplierPurchaseAsync()
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        school.ApprovalThresholdFen = 100_000;
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var approver = await db.AddMemberAsync(school, OrganisationRoles.Approver);
        var listings = new List<Core.Catalog.Listing>();
        for (var i = 0; i < 7; i++) listings.Add(await db.AddListingAsync(await db.AddSupplierAsync(), stock: 100, moq: 10, priceFen: 1000));
        await services.Cart.AddAsync(buyer.Id, school.Id, listings.Select(l => new Cart.Addition(l.Id, 20)).ToList());
        var placed = await services.CheckOutAsync(db, school, buyer);
        db.ChangeTracker.Clear();
        return new SevenSupplierScene(database, services, school, buyer, approver, placed.Purchase!, listings);
    }

    [Fact]
    public async Task OneDecisionApprovesAPurchaseOfSevenSuppliersAndTheBuyerHearsOnce()
    {
        await using var scene = await SevenSupplierPurchaseAsync();
        Assert.All(await scene.Db.Orders.ToListAsync(), o => Assert.Equal(OrderStatus.PendingApproval, o.Status));
        var before = await scene.Db.Notifications.CountAsync();

        var result = await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, scene.OrderIds, [], new(scene.Approver.Id, "approver"), "同意");

        Assert.Equal(Outcome.Done, result.Outcome);
        var orders = await scene.Db.Orders.AsNoTracking().ToListAsync();
        Assert.All(orders, o => Assert.Equal((OrderStatus.Approved, scene.Approver.Id), (o.Status, o.ApprovedByUserId)));
        Assert.All(orders, o => Assert.NotNull(o.StockReservedAtUtc));
        Assert.All(await scene.Db.Listings.AsNoTracking().ToListAsync(), l => Assert.Equal(80, l.Stock));
        var notices = await scene.Db.Notifications.AsNoTracking().OrderBy(n => n.Id).Skip(before).ToListAsync();
        var toBuyer = Assert.Single(notices, n => n.UserId == scene.Buyer.Id);
        Assert.Equal((NotificationKind.OrderAwaitingPayment, scene.Purchase.Number), (toBuyer.Kind, toBuyer.Subject));
        Assert.All(notices.Where(n => n.UserId != scene.Buyer.Id), n => Assert.Equal(NotificationKind.OrderToAccept, n.Kind));
        Assert.Equal(7, await scene.Db.OrderEvents.CountAsync(e => e.Kind == OrderEventKind.Approved && e.Note == "同意"));
    }

    [Fact]
    public async Task OneDecisionApprovesSomeOrdersRejectsOthersWithTheReasonAndLeavesTheRestWaiting()
    {
        await using var scene = await SevenSupplierPurchaseAsync();
        var ids = scene.OrderIds;
        var approver = new Actor(scene.Approver.Id, "approver");
        var before = await scene.Db.Notifications.CountAsync();

        Assert.Equal(Outcome.ReasonRequired, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, [], [ids[5], ids[6]], approver, " ")).Outcome);
        Assert.Equal(Outcome.NothingChosen, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, [ids[0]], [ids[0]], approver, "x")).Outcome);
        Assert.Equal(Outcome.NothingChosen, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, [], [], approver, null)).Outcome);
        Assert.Equal(Outcome.Done, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, ids.Take(4).ToList(), [ids[5], ids[6]], approver, "茶叶本月已购足")).Outcome);

        var orders = await scene.Db.Orders.AsNoTracking().OrderBy(o => o.Sequence).ToListAsync();
        Assert.Equal([.. Enumerable.Repeat(OrderStatus.Approved, 4), OrderStatus.PendingApproval, OrderStatus.Cancelled, OrderStatus.Cancelled], orders.Select(o => o.Status));
        Assert.All(orders.Skip(5), o => Assert.Equal((CancellationKind.RejectedByApprover, "茶叶本月已购足"), (o.Cancellation, o.CancellationReason)));
        Assert.Equal([80, 80, 80, 80, 100, 100, 100], (await scene.Db.Listings.AsNoTracking().OrderBy(l => l.Id).ToListAsync()).Select(l => l.Stock));
        var toBuyer = await scene.Db.Notifications.AsNoTracking().OrderBy(n => n.Id).Skip(before).Where(n => n.UserId == scene.Buyer.Id).Select(n => n.Kind).ToListAsync();
        Assert.Equal([NotificationKind.OrderAwaitingPayment, NotificationKind.PurchaseRejected], toBuyer);

        // The fifth waits still; deciding on an order already decided changes nothing.
        Assert.Equal(Outcome.NotNow, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, [ids[4], ids[0]], [], approver, null)).Outcome);
        Assert.Equal(OrderStatus.PendingApproval, (await scene.Db.Orders.AsNoTracking().SingleAsync(o => o.Id == ids[4])).Status);
    }

    [Fact]
    public async Task WhenOneApprovedOrdersStockHasGoneNothingOfTheDecisionHappens()
    {
        await using var scene = await SevenSupplierPurchaseAsync();
        await scene.Db.Listings.Where(l => l.Id == scene.Listings[3].Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 19));

        var result = await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, scene.OrderIds, [], new(scene.Approver.Id, "approver"), null);

        Assert.Equal((Outcome.NotEnoughStock, scene.Listings[3].Title), (result.Outcome, result.ListingTitle));
        Assert.All(await scene.Db.Orders.AsNoTracking().ToListAsync(), o => Assert.Equal(OrderStatus.PendingApproval, o.Status));
        Assert.Equal([100, 100, 100, 19, 100, 100, 100], (await scene.Db.Listings.AsNoTracking().OrderBy(l => l.Id).ToListAsync()).Select(l => l.Stock));
    }

    [Fact]
    public async Task ADecisionCannotReachAnotherPurchasesOrderNorBeTheBuyersOwn()
    {
        await using var scene = await SevenSupplierPurchaseAsync();
        var other = await scene.Db.AddOrganisationAsync();
        Assert.Equal(Outcome.NotNow, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, other.Id, scene.OrderIds, [], new(scene.Approver.Id, "approver"), null)).Outcome);
        Assert.Equal(Outcome.NotNow, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, [scene.OrderIds[0], 999_999], [], new(scene.Approver.Id, "approver"), null)).Outcome);
        Assert.Equal(Outcome.OwnOrder, (await scene.Services.Workflow.DecideAsync(scene.Purchase.Id, scene.School.Id, scene.OrderIds, [], new(scene.Buyer.Id, "buyer"), null)).Outcome);
        Assert.All(await scene.Db.Orders.AsNoTracking().ToListAsync(), o => Assert.Equal(OrderStatus.PendingApproval, o.Status));
    }

    [Fact]
    public async Task AStaleCopyOfAnOrderCannotOverwriteWhatAnotherPersonDid()
    {
        var scene = await PendingOrderAsync();
        await using var _ = scene.Database;
        var stale = await scene.OrderAsync();
        using (var other = new Core.Data.StorefrontDbContext(new DbContextOptionsBuilder<Core.Data.StorefrontDbContext>().UseSqlite(scene.Db.Database.GetDbConnection()).Options))
        {
            var services = new OrderingBuilders.Services(other);
            var fresh = (await services.Workflow.FindAsync(scene.OrderId))!;
            Assert.Equal(Outcome.Done, (await services.Workflow.RejectAsync(fresh, scene.ApproverActor, "重复")).Outcome);
        }
        Assert.Equal(Outcome.Conflict, (await scene.Services.Workflow.ApproveAsync(stale, scene.ApproverActor, null)).Outcome);
        Assert.Equal(100, await scene.StockAsync());
    }

    [Fact]
    public async Task ASupplierDeclinesOnlyBeforeAcceptingAndPaymentAndGivesAReason()
    {
        var scene = await PendingOrderAsync(threshold: 1_000_000);
        await using var _ = scene.Database;
        var workflow = scene.Services.Workflow;
        Assert.Equal(60, await scene.StockAsync());
        Assert.Equal(Outcome.ReasonRequired, (await workflow.DeclineAsync(await scene.OrderAsync(), scene.SupplierActor, "")).Outcome);
        Assert.Equal(Outcome.Done, (await workflow.DeclineAsync(await scene.OrderAsync(), scene.SupplierActor, "产能不足")).Outcome);
        Assert.Equal(100, await scene.StockAsync());
        Assert.Equal(CancellationKind.DeclinedBySupplier, (await scene.OrderAsync()).Cancellation);
    }

    [Fact]
    public async Task ShipmentsAndReceiptsCarryAnOrderFromPaidToCompleted()
    {
        var scene = await PendingOrderAsync(threshold: 1_000_000);
        await using var _ = scene.Database;
        var workflow = scene.Services.Workflow;
        var order = await scene.OrderAsync();
        var line = order.Lines.Single();
        var empty = new ShipmentDraft("顺丰", "SF1", new Dictionary<long, int> { [line.Id] = 10 });
        Assert.Equal(Outcome.NotNow, (await workflow.ShipAsync(order, scene.SupplierActor, empty)).Outcome);

        var paid = await scene.Services.Payments.ConfirmAsync(new(order.PurchaseId, PaymentMethod.BankTransfer, 40_000, DateTime.UtcNow, "BANK-1", null, "admin"));
        Assert.Equal(PaymentConfirmation.Outcome.Confirmed, paid.Outcome);
        Assert.Equal(Outcome.NotAccepted, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty)).Outcome);
        Assert.Equal(Outcome.Done, (await workflow.AcceptAsync(await scene.OrderAsync(), scene.SupplierActor)).Outcome);
        Assert.Equal(Outcome.NotNow, (await workflow.DeclineAsync(await scene.OrderAsync(), scene.SupplierActor, "晚了")).Outcome);
        Assert.Equal(Outcome.NotNow, (await workflow.CancelAsync(await scene.OrderAsync(), scene.BuyerActor, "晚了")).Outcome);

        Assert.Equal(Outcome.CarrierRequired, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { Carrier = "" })).Outcome);
        Assert.Equal(Outcome.QuantityTooLarge, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { Quantities = new Dictionary<long, int> { [line.Id] = 41 } })).Outcome);
        Assert.Equal(Outcome.NothingToShip, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { Quantities = new Dictionary<long, int>() })).Outcome);

        Assert.Equal(Outcome.Done, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { Quantities = new Dictionary<long, int> { [line.Id] = 25 } })).Outcome);
        order = await scene.OrderAsync();
        Assert.Equal(OrderStatus.Shipped, order.Status);
        var first = order.Shipments.Single();

        // A shortfall needs its kind and a note; then the first shipment is received and the order waits for the rest.
        var shortAccepted = new Dictionary<long, int> { [first.Lines.Single().Id] = 24 };
        var damaged = new Dictionary<long, ShortfallKind> { [first.Lines.Single().Id] = ShortfallKind.Damaged };
        Assert.Equal(Outcome.ShortfallKindRequired, (await workflow.ReceiveAsync(order, first.Id, scene.BuyerActor, shortAccepted, "一袋破损")).Outcome);
        Assert.Equal(Outcome.NoteRequired, (await workflow.ReceiveAsync(order, first.Id, scene.BuyerActor, new ReceiptDraft(shortAccepted, null, damaged))).Outcome);
        Assert.Equal(Outcome.Done, (await workflow.ReceiveAsync(await scene.OrderAsync(), first.Id, scene.BuyerActor, new ReceiptDraft(shortAccepted, "一袋破损", damaged))).Outcome);
        Assert.Equal(OrderStatus.Received, (await scene.OrderAsync()).Status);
        Assert.Equal(Outcome.AlreadyReceived, (await workflow.ReceiveAsync(await scene.OrderAsync(), first.Id, scene.BuyerActor, shortAccepted, "again")).Outcome);

        Assert.Equal(Outcome.QuantityTooLarge, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { Quantities = new Dictionary<long, int> { [line.Id] = 16 } })).Outcome);
        Assert.Equal(Outcome.Done, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, empty with { TrackingNumber = "SF2", Quantities = new Dictionary<long, int> { [line.Id] = 15 } })).Outcome);
        order = await scene.OrderAsync();
        Assert.Equal(OrderStatus.Shipped, order.Status);
        var second = order.Shipments.Single(s => s.Sequence == 2);
        Assert.Equal(Outcome.Done, (await workflow.ReceiveAsync(order, second.Id, scene.BuyerActor, new Dictionary<long, int>(), null)).Outcome);

        order = await scene.OrderAsync();
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.NotNull(order.CompletedAtUtc);
        Assert.Equal(15, second.Lines.Single().Quantity);
        Assert.Equal(15, order.Shipments.Single(s => s.Id == second.Id).Receipt!.Lines.Single().AcceptedQuantity);
        Assert.Equal(ShortfallKind.Damaged, order.Shipments.Single(s => s.Id == first.Id).Receipt!.Lines.Single().Shortfall);
        Assert.Null(order.Shipments.Single(s => s.Id == second.Id).Receipt!.Lines.Single().Shortfall);
        // One unit of ¥10 was not accepted: recorded at the order's unit price, nothing refunded by it.
        Assert.Equal(1_000, order.ShortfallFen);
    }

    /// <summary>A paid, accepted order of 40 units at ¥10, shipped whole in one shipment.</summary>
    private static async Task<(Scene Scene, long ShipmentId, long ShipmentLineId)> ShippedOrderAsync()
    {
        var scene = await PendingOrderAsync(threshold: 1_000_000);
        var workflow = scene.Services.Workflow;
        var order = await scene.OrderAsync();
        await scene.Services.Payments.ConfirmAsync(new(order.PurchaseId, PaymentMethod.BankTransfer, 40_000, DateTime.UtcNow, "BANK-1", null, "admin"));
        Assert.Equal(Outcome.Done, (await workflow.AcceptAsync(await scene.OrderAsync(), scene.SupplierActor)).Outcome);
        var line = order.Lines.Single();
        Assert.Equal(Outcome.Done, (await workflow.ShipAsync(await scene.OrderAsync(), scene.SupplierActor, new ShipmentDraft("顺丰", "SF1", new Dictionary<long, int> { [line.Id] = 40 }))).Outcome);
        var shipment = (await scene.OrderAsync()).Shipments.Single();
        return (scene, shipment.Id, shipment.Lines.Single().Id);
    }

    [Fact]
    public async Task AShortAcceptanceIsRecordedWithItsValueAndMovesNoMoneyNorTheCountedAmount()
    {
        var (scene, shipmentId, lineId) = await ShippedOrderAsync();
        await using var _ = scene.Database;
        var counted = () => scene.Db.QuotaEntries.AsNoTracking().SumAsync(e => e.AmountFen);
        var before = await counted();
        Assert.Equal(40_000, before);

        var draft = new ReceiptDraft(new Dictionary<long, int> { [lineId] = 33 }, "七盒破损",
            new Dictionary<long, ShortfallKind> { [lineId] = ShortfallKind.Damaged }, "0123456789abcdef0123456789abcdef.jpg", "image/jpeg");
        Assert.Equal(Outcome.Done, (await scene.Services.Workflow.ReceiveAsync(await scene.OrderAsync(), shipmentId, scene.BuyerActor, draft)).Outcome);

        var order = await scene.OrderAsync();
        Assert.Equal(OrderStatus.Completed, order.Status);
        Assert.Equal(7_000, order.ShortfallFen);
        var receipt = order.Shipments.Single().Receipt!;
        Assert.Equal((33, ShortfallKind.Damaged), (receipt.Lines.Single().AcceptedQuantity, receipt.Lines.Single().Shortfall));
        Assert.Equal(("0123456789abcdef0123456789abcdef.jpg", "image/jpeg", "七盒破损"), (receipt.PhotoName, receipt.PhotoContentType, receipt.Note));
        Assert.Equal(before, await counted());
        Assert.Equal(0, await scene.Db.Refunds.CountAsync());
    }

    [Fact]
    public async Task AReceiptIsCheckedBeforeAnythingIsStoredAndAnUnknownKindOfShortfallIsRefused()
    {
        var (scene, shipmentId, lineId) = await ShippedOrderAsync();
        await using var _ = scene.Database;
        var workflow = scene.Services.Workflow;
        var order = await scene.OrderAsync();
        var accepted = new Dictionary<long, int> { [lineId] = 39 };

        Assert.Equal(Outcome.ShortfallKindRequired, workflow.CheckReceipt(order, shipmentId, new ReceiptDraft(accepted, "少一盒")).Outcome);
        Assert.Equal(Outcome.ShortfallKindRequired, workflow.CheckReceipt(order, shipmentId,
            new ReceiptDraft(accepted, "少一盒", new Dictionary<long, ShortfallKind> { [lineId] = (ShortfallKind)9 })).Outcome);
        Assert.Equal(Outcome.QuantityTooLarge, workflow.CheckReceipt(order, shipmentId, new ReceiptDraft(new Dictionary<long, int> { [lineId] = 41 }, null)).Outcome);
        Assert.Equal(Outcome.UnknownShipment, workflow.CheckReceipt(order, shipmentId + 1000, new ReceiptDraft(accepted, null)).Outcome);
        Assert.Equal(Outcome.Done, workflow.CheckReceipt(order, shipmentId,
            new ReceiptDraft(accepted, "少一盒", new Dictionary<long, ShortfallKind> { [lineId] = ShortfallKind.Missing })).Outcome);
        Assert.Equal(0, await scene.Db.Receipts.CountAsync());
    }

    [Fact]
    public async Task AnOrganisationRatesAnOrderOnceAfterAcceptanceAndTheSupplierShowsTheAverage()
    {
        var (scene, shipmentId, _) = await ShippedOrderAsync();
        await using var _ = scene.Database;
        var ratings = new SupplierRatings(scene.Db, OrderingBuilders.Clock);
        var supplierId = (await scene.OrderAsync()).SupplierId;

        Assert.Equal(SupplierRatings.Outcome.NotYetReceived, await ratings.RateAsync(await scene.OrderAsync(), scene.Buyer.Id, 5, "好"));
        await scene.Services.Workflow.ReceiveAsync(await scene.OrderAsync(), shipmentId, scene.BuyerActor, new Dictionary<long, int>(), null);
        Assert.Equal(SupplierRatings.Outcome.StarsOutOfRange, await ratings.RateAsync(await scene.OrderAsync(), scene.Buyer.Id, 6, null));
        Assert.Equal(SupplierRatings.Outcome.StarsOutOfRange, await ratings.RateAsync(await scene.OrderAsync(), scene.Buyer.Id, 0, null));
        Assert.Equal(SupplierRatings.Outcome.CommentTooLong, await ratings.RateAsync(await scene.OrderAsync(), scene.Buyer.Id, 4, new string('好', 201)));
        Assert.Null(await ratings.SummaryAsync(supplierId));

        Assert.Equal(SupplierRatings.Outcome.Done, await ratings.RateAsync(await scene.OrderAsync(), scene.Buyer.Id, 4, "  包装完好  "));
        Assert.Equal(SupplierRatings.Outcome.AlreadyRated, await ratings.RateAsync(await scene.OrderAsync(), scene.Approver.Id, 1, null));
        var rating = await scene.Db.SupplierRatings.AsNoTracking().SingleAsync();
        Assert.Equal((4, "包装完好", scene.School.Id, supplierId), (rating.Stars, rating.Comment, rating.OrganisationId, rating.SupplierId));
        Assert.Equal(new SupplierRatings.Summary(4, 1), await ratings.SummaryAsync(supplierId));

        // The database keeps one rating per order and stars within 1–5 even when the rule is bypassed.
        scene.Db.SupplierRatings.Add(new SupplierRating { OrderId = rating.OrderId, SupplierId = supplierId, OrganisationId = scene.School.Id, Stars = 3, RatedByUserId = scene.Buyer.Id });
        await Assert.ThrowsAsync<DbUpdateException>(() => scene.Db.SaveChangesAsync());
        scene.Db.ChangeTracker.Clear();
    }

    [Theory]
    [InlineData(17, 4, 4.3)] // 4.25 rounds up
    [InlineData(14, 3, 4.7)] // 4.666…
    [InlineData(5, 1, 5.0)]
    [InlineData(10, 4, 2.5)]
    public void TheAverageRatingIsShownToOneDecimalWithHalvesRoundedUp(int starsTotal, int count, double expected) =>
        Assert.Equal((decimal)expected, new SupplierRatings.Summary(starsTotal, count).Average);
}
