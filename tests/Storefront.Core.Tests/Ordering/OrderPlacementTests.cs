using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Ordering;

public class OrderPlacementTests
{
    [Fact]
    public async Task ACartOverTwoSuppliersBecomesOnePurchaseOfTwoNumberedOrdersAndEmpties()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var rice = await db.AddListingAsync(await db.AddSupplierAsync("430525"), moq: 100, priceFen: 520, moreTiers: new PriceTier(500, 494));
        var tea = await db.AddListingAsync(await db.AddSupplierAsync("433127"), moq: 10, priceFen: 6800);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(rice.Id, 200), new(tea.Id, 50)]);

        var result = await services.CheckOutAsync(db, school, buyer);

        Assert.Equal(OrderPlacement.Problem.None, result.Problem);
        var purchase = await db.Purchases.Include(p => p.Orders).ThenInclude(o => o.Lines).SingleAsync();
        Assert.Equal(104_000 + 340_000, purchase.TotalFen);
        Assert.Equal("20260302", purchase.Number[..8]);
        Assert.Equal([$"{purchase.Number}-1", $"{purchase.Number}-2"], purchase.Orders.OrderBy(o => o.Sequence).Select(o => o.Number));
        Assert.Equal([104_000L, 340_000L], purchase.Orders.OrderBy(o => o.Sequence).Select(o => o.TotalFen));
        Assert.Equal(520, purchase.Orders.Single(o => o.SupplierId == rice.SupplierId).Lines.Single().UnitPriceFen);
        // The lines are inserted apart from their orders (in bulk): each is stored under its own supplier's order.
        var teaLine = purchase.Orders.Single(o => o.SupplierId == tea.SupplierId).Lines.Single();
        Assert.Equal((tea.Id, 50, 6800L, 340_000L), (teaLine.ListingId, teaLine.Quantity, teaLine.UnitPriceFen, teaLine.AmountFen));
        Assert.Equal([rice.Id, tea.Id], result.Purchase!.Orders.OrderBy(o => o.Sequence).Select(o => o.Lines.Single().ListingId));
        Assert.Empty(await db.CartLines.ToListAsync());
    }

    [Fact]
    public async Task BelowTheThresholdAPurchaseGoesOnAndEachOrderTakesItsStockAtOnce()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        school.ApprovalThresholdFen = 100_000;
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var approver = await db.AddMemberAsync(school, OrganisationRoles.Approver);
        var rice = await db.AddListingAsync(await db.AddSupplierAsync(), stock: 500, moq: 10, priceFen: 1000);
        var tea = await db.AddListingAsync(await db.AddSupplierAsync(), stock: 500, moq: 10, priceFen: 1000);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(rice.Id, 59), new(tea.Id, 40)]);

        await services.CheckOutAsync(db, school, buyer);

        var orders = await db.Orders.AsNoTracking().OrderBy(o => o.Sequence).ToListAsync();
        Assert.Equal([(OrderStatus.Approved, 59_000L), (OrderStatus.Approved, 40_000L)], orders.Select(o => (o.Status, o.TotalFen)));
        Assert.All(orders, o => Assert.NotNull(o.StockReservedAtUtc));
        var stock = await db.Listings.AsNoTracking().ToDictionaryAsync(l => l.Id, l => (l.Stock, l.Revision));
        Assert.Equal((441, rice.Revision + 1), stock[rice.Id]);
        Assert.Equal((460, tea.Revision + 1), stock[tea.Id]);
        // The stock change goes to the 832 platform like any other listing change.
        Assert.Equal(2, await db.ListingSyncJobs.CountAsync(j => j.ListingId == rice.Id));

        var notices = await db.Notifications.AsNoTracking().ToListAsync();
        Assert.Single(notices, n => n.UserId == buyer.Id && n.Kind == NotificationKind.OrderAwaitingPayment);
        Assert.DoesNotContain(notices, n => n.UserId == approver.Id);
    }

    [Fact]
    public async Task APurchaseWhoseTotalReachesTheThresholdWaitsWholeThoughEachOrderIsBelowItAndTheApproverHearsOnce()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        school.ApprovalThresholdFen = 100_000;
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var approver = await db.AddMemberAsync(school, OrganisationRoles.Approver);
        var listings = new List<Core.Catalog.Listing>();
        for (var i = 0; i < 7; i++) listings.Add(await db.AddListingAsync(await db.AddSupplierAsync(), stock: 500, moq: 10, priceFen: 1000));
        // Seven orders of ¥150: each far below ¥1,000, together ¥1,050.
        await services.Cart.AddAsync(buyer.Id, school.Id, listings.Select(l => new Cart.Addition(l.Id, 15)).ToList());

        var placed = await services.CheckOutAsync(db, school, buyer);

        var orders = await db.Orders.AsNoTracking().ToListAsync();
        Assert.Equal(7, orders.Count);
        Assert.All(orders, o => Assert.Equal((OrderStatus.PendingApproval, 15_000L, (DateTime?)null), (o.Status, o.TotalFen, o.StockReservedAtUtc)));
        Assert.All(await db.Listings.AsNoTracking().ToListAsync(), l => Assert.Equal(500, l.Stock));
        var notices = await db.Notifications.AsNoTracking().ToListAsync();
        var toApprover = Assert.Single(notices, n => n.UserId == approver.Id);
        Assert.Equal((NotificationKind.PurchaseAwaitingApproval, placed.Purchase!.Number, $"/approvals#purchase-{placed.Purchase.Id}"),
            (toApprover.Kind, toApprover.Subject, toApprover.Link));
        Assert.Equal(1, await db.OutgoingMails.CountAsync(m => m.Subject.StartsWith("PurchaseAwaitingApproval")));
        Assert.DoesNotContain(notices, n => n.UserId == buyer.Id);
    }

    [Fact]
    public async Task APriceChangedSinceThePageWasShownIsHandedBackAndNothingIsPlaced()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync(), moq: 10, priceFen: 1000);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 20)]);
        var seen = await services.Cart.LoadAsync(buyer.Id, school.Id);

        listing.SetPricing(10, [new PriceTier(10, 1100)]);
        listing.Revise(DateTime.UtcNow);
        await db.SaveChangesAsync();
        var address = await db.DeliveryAddresses.FirstAsync();
        var result = await services.Placement.PlaceAsync(new OrderPlacement.Request(school.Id, buyer.Id, "buyer", Guid.NewGuid(), address.Id,
            services.Placement.EarliestDelivery(seen), null, null, false, [new(listing.Id, 20, 1000)]));

        Assert.Equal(OrderPlacement.Problem.CartChanged, result.Problem);
        var item = result.Cart.Items.Single();
        Assert.True(item.PriceChanged);
        Assert.Equal((1000L, 1100L), (item.SeenUnitPriceFen, item.Quote.UnitPriceFen!.Value));
        Assert.Empty(await db.Purchases.ToListAsync());

        // Seen at the new price, it is placed.
        Assert.Equal(OrderPlacement.Problem.None, (await services.CheckOutAsync(db, school, buyer)).Problem);
        Assert.Equal(22_000, (await db.Purchases.SingleAsync()).TotalFen);
    }

    [Fact]
    public async Task AFormSentTwicePlacesOnePurchase()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync());
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 20)]);
        var key = Guid.NewGuid();

        var first = await services.CheckOutAsync(db, school, buyer, key);
        var second = await services.CheckOutAsync(db, school, buyer, key);

        Assert.False(first.PlacedBefore);
        Assert.True(second.PlacedBefore);
        Assert.Equal(first.Purchase!.Id, second.Purchase!.Id);
        Assert.Equal(1, await db.Purchases.CountAsync());
    }

    [Fact]
    public async Task ADeliveryDateBeforeTheLongestLeadTimeIsRefused()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var quick = await db.AddListingAsync(await db.AddSupplierAsync(), leadDays: 1);
        var slow = await db.AddListingAsync(await db.AddSupplierAsync(), leadDays: 5);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(quick.Id, 10), new(slow.Id, 10)]);
        var view = await services.Cart.LoadAsync(buyer.Id, school.Id);
        Assert.Equal(new DateOnly(2026, 3, 7), services.Placement.EarliestDelivery(view));

        var address = await db.DeliveryAddresses.FirstAsync();
        var seen = view.Items.Select(i => new OrderPlacement.SeenLine(i.Quote.Listing.Id, i.Quote.Quantity, i.Quote.UnitPriceFen!.Value)).ToList();
        var result = await services.Placement.PlaceAsync(new(school.Id, buyer.Id, "buyer", Guid.NewGuid(), address.Id, new DateOnly(2026, 3, 6), null, null, false, seen));
        Assert.Equal(OrderPlacement.Problem.DeliveryTooSoon, result.Problem);
        Assert.Equal(0, await db.Purchases.CountAsync());
    }

    [Fact]
    public async Task AnUnverifiedOrganisationCannotOrderAndAnotherOrganisationsAddressCannotBeUsed()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var other = await db.AddOrganisationAsync();
        await db.AddMemberAsync(other, OrganisationRoles.Buyer);
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync());
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 20)]);
        var view = await services.Cart.LoadAsync(buyer.Id, school.Id);
        var seen = view.Items.Select(i => new OrderPlacement.SeenLine(i.Quote.Listing.Id, i.Quote.Quantity, i.Quote.UnitPriceFen!.Value)).ToList();
        var foreignAddress = await db.DeliveryAddresses.FirstAsync(a => a.OrganisationId == other.Id);

        var wrongAddress = await services.Placement.PlaceAsync(new(school.Id, buyer.Id, "buyer", Guid.NewGuid(), foreignAddress.Id, new DateOnly(2027, 1, 1), null, null, false, seen));
        Assert.Equal(OrderPlacement.Problem.UnknownAddress, wrongAddress.Problem);

        school.Suspend("审计", DateTime.UtcNow);
        await db.SaveChangesAsync();
        Assert.Equal(OrderPlacement.Problem.OrganisationMayNotOrder, (await services.CheckOutAsync(db, school, buyer)).Problem);
    }

    [Fact]
    public async Task TheLastUnitsGoToTheFirstCheckoutAndTheSecondIsShownTheShortage()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var first = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var second = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync(), stock: 10, moq: 1);
        await services.Cart.AddAsync(first.Id, school.Id, [new(listing.Id, 10)]);
        await services.Cart.AddAsync(second.Id, school.Id, [new(listing.Id, 10)]);
        var secondSaw = await services.Cart.LoadAsync(second.Id, school.Id);

        Assert.Equal(OrderPlacement.Problem.None, (await services.CheckOutAsync(db, school, first)).Problem);
        var address = await db.DeliveryAddresses.FirstAsync();
        var late = await services.Placement.PlaceAsync(new(school.Id, second.Id, "second", Guid.NewGuid(), address.Id, new DateOnly(2027, 1, 1), null, null, false,
            secondSaw.Items.Select(i => new OrderPlacement.SeenLine(i.Quote.Listing.Id, i.Quote.Quantity, i.Quote.UnitPriceFen!.Value)).ToList()));

        Assert.Equal(OrderPlacement.Problem.CartChanged, late.Problem);
        Assert.Equal(LineProblem.NotEnoughStock, late.Cart.Items.Single().Quote.Problem);
        Assert.Equal(0, (await db.Listings.AsNoTracking().SingleAsync(l => l.Id == listing.Id)).Stock);
        Assert.Equal(1, await db.Purchases.CountAsync());
    }
}
