using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Core.Demand;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Demand;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Suppliers;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Demand;

public class StandingOrdersOnSqlite(StorefrontFactory factory) : StandingOrderTests<StorefrontFactory>(factory);
public class StandingOrdersOnPostgreSql(PostgreSqlStorefrontFactory factory) : StandingOrderTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// The hospital's agreement for 40 boxes of tea at ¥61.25 (the listing sells them at ¥68.00): the standing-order job
/// makes each due delivery's order once, at the agreed price, through the approval, stock, payment and quota rules of
/// any order; the buyer changes or skips deliveries within the notice, the supplier confirms or declines them.
/// </summary>
public abstract class StandingOrderTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const long AgreedFen = 6125;
    private const int Boxes = 40;
    private const long OrderFen = AgreedFen * Boxes; // ¥2,450.00

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Arranged(long AgreementId, int OrganisationId, int SupplierId, string SupplierEmail, int ListingId, string BuyerEmail, DateOnly Due);

    /// <summary>
    /// A new cooperative with a tea listing (stock 100) and an agreement of the hospital delivering weekly on the weekday
    /// two days from today, so that exactly one delivery falls within the default three days' lead.
    /// </summary>
    private async Task<Arranged> ArrangeAsync(long? thresholdFen = null, int stock = 100, bool withListing = true, int noticeDays = 2, int? leadDays = null)
    {
        Client();
        var (supplierId, supplierEmail) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(supplierId);
        var buyer = await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer);
        var hospital = await Factory.OrganisationIdAsync(Hospital);
        await Factory.WithDbAsync(async db =>
        {
            await db.Organisations.Where(o => o.Id == hospital).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.ApprovalThresholdFen, thresholdFen)
                .SetProperty(o => o.StandingOrderLeadDays, leadDays ?? Core.Organisations.Organisation.DefaultStandingOrderLeadDays));
            await db.Listings.Where(l => l.Id == listingId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, stock));
        });
        var due = StandingArrange.Today.AddDays(2);
        var id = await Factory.AddAgreementAsync(hospital, supplierId, withListing ? listingId : null, AgreedFen, Boxes, buyer, noticeDays, due);
        return new Arranged(id, hospital, supplierId, supplierEmail, listingId, buyer, due);
    }

    private Task<int> StockAsync(int listingId) => Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.Stock).SingleAsync());

    private Task<List<StandingDelivery>> RowsAsync(long agreementId) =>
        Factory.WithDbAsync(db => db.StandingDeliveries.AsNoTracking().Where(d => d.AgreementId == agreementId).OrderBy(d => d.DeliveryDate).ToListAsync());

    private Task<List<Order>> OrdersAsync(long agreementId) =>
        Factory.WithDbAsync(db => db.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.Purchase)
            .Where(o => db.StandingDeliveries.Any(d => d.AgreementId == agreementId && d.OrderId == o.Id)).ToListAsync());

    [SkippableFact]
    public async Task TheJobMakesTheDueDeliveryOnceAtTheAgreedPriceAndTheQuotaCountsItWhenPaid()
    {
        var a = await ArrangeAsync();

        var first = await Factory.Services.RunStandingOrdersAsync();
        var job = Factory.Services.GetServices<IHostedService>().OfType<StandingOrderJob>().Single();
        Assert.True(await job.TryRunAsync(CancellationToken.None));
        var third = await Factory.Services.RunStandingOrdersAsync();

        Assert.True(first.Made >= 1);
        Assert.Equal(0, third.Made);
        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal((OrderStatus.Approved, OrderFen, a.SupplierId, a.OrganisationId), (order.Status, order.TotalFen, order.SupplierId, order.OrganisationId));
        var line = Assert.Single(order.Lines);
        Assert.Equal((a.ListingId, AgreedFen, Boxes, OrderFen), (line.ListingId, line.UnitPriceFen, line.Quantity, line.AmountFen));
        // Delivered where the plan said: the organisation's address as the plan kept it.
        var address = await Factory.WithDbAsync(async db => ProcurementPlan.AddressText(
            await db.DeliveryAddresses.Where(x => x.OrganisationId == a.OrganisationId).OrderBy(x => x.Id).FirstAsync()));
        Assert.StartsWith("职工食堂：湖南省 长沙市 天心区", address);
        Assert.Equal((a.Due, $"SA{a.AgreementId}-{a.Due:yyyyMMdd}", PaymentMethod.BankTransfer, address, OrderFen),
            (order.Purchase.RequestedDeliveryDate, order.Purchase.PurchaseOrderReference, order.Purchase.PaymentMethod, order.Purchase.DeliveryAddress, order.Purchase.TotalFen));
        Assert.Equal(100 - Boxes, await StockAsync(a.ListingId));
        var row = Assert.Single(await RowsAsync(a.AgreementId));
        Assert.Equal((a.Due, StandingDeliveryStatus.Ordered, order.Id, Boxes, (StandingDeliveryHold?)null), (row.DeliveryDate, row.Status, row.OrderId, row.Quantity, row.Hold));

        // The buyer's order page says where it came from, and that it awaits payment like any other.
        var buyer = await SignedInClientAsync(a.BuyerEmail);
        var page = await buyer.GetPageAsync($"/orders/{order.Id}");
        Assert.Equal($"来自协议 #{a.AgreementId}（送货日 {Iso(a.Due)}）", page.Text("#order-standing"));
        var agreementPage = await buyer.GetPageAsync($"/organisation/agreements/{a.AgreementId}");
        Assert.Equal("已下单", agreementPage.Text($"#deliveries tr[data-date='{Iso(a.Due)}'] .delivery-state"));
        Assert.Equal("1", agreementPage.Text("#record-ordered"));

        // Signing and ordering count nothing; the payment counts the order, once, at the agreed price.
        long Counted(Core.Data.StorefrontDbContext db) => db.QuotaEntries.Where(e => e.OrderId == order.Id).Sum(e => e.AmountFen);
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(Counted(db))));
        using (var scope = Factory.Services.CreateScope())
        {
            var recorded = await scope.ServiceProvider.GetRequiredService<BankTransfers>()
                .RecordAsync(new(order.PurchaseId, OrderFen, DateTime.UtcNow, "天心区人民医院", $"T-{Guid.NewGuid():N}", null, "admin"));
            Assert.Equal(BankTransfers.Outcome.Recorded, recorded.Outcome);
        }
        Assert.Equal(OrderFen, await Factory.WithDbAsync(db => Task.FromResult(Counted(db))));
        Assert.Equal(OrderStatus.Paid, (await OrdersAsync(a.AgreementId)).Single().Status);
        Assert.Equal(0, (await Factory.Services.RunStandingOrdersAsync()).Made);
    }

    [SkippableFact]
    public async Task RunsAtTheSameMomentMakeEachOrderOnce()
    {
        var a = await ArrangeAsync();

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Factory.Services.RunStandingOrdersAsync())));

        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal(OrderFen, order.TotalFen);
        Assert.Single(await RowsAsync(a.AgreementId));
        Assert.Equal(100 - Boxes, await StockAsync(a.ListingId));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Purchases.CountAsync(p => p.PurchaseOrderReference == $"SA{a.AgreementId}-{a.Due:yyyyMMdd}")));
        Assert.True(runs.Sum(r => r.Made) >= 1);
    }

    [SkippableFact]
    public async Task AboveTheThresholdTheStandingOrderWaitsForTheApproverAndTakesItsStockWhenApproved()
    {
        var a = await ArrangeAsync(thresholdFen: 200_000);

        await Factory.Services.RunStandingOrdersAsync();

        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal(OrderStatus.PendingApproval, order.Status);
        Assert.Equal(100, await StockAsync(a.ListingId));
        var approver = await SignedInClientAsync(DemoData.MemberEmail("hospital", "approver"));
        var decided = await approver.DecideAsync(order.Id, "Approve");
        Assert.Equal(HttpStatusCode.OK, decided.Status);
        Assert.Equal(OrderStatus.Approved, (await OrdersAsync(a.AgreementId)).Single().Status);
        Assert.Equal(100 - Boxes, await StockAsync(a.ListingId));
    }

    [SkippableFact]
    public async Task ShortOfStockTheDeliveryWaitsWithItsReasonBothSidesHearOnceAndTheOrderIsMadeOnceStockIsBack()
    {
        var a = await ArrangeAsync(stock: 30);

        await Factory.Services.RunStandingOrdersAsync();
        await Factory.Services.RunStandingOrdersAsync();

        Assert.Empty(await OrdersAsync(a.AgreementId));
        Assert.Equal(30, await StockAsync(a.ListingId));
        var row = Assert.Single(await RowsAsync(a.AgreementId));
        Assert.Equal((StandingDeliveryStatus.Scheduled, StandingDeliveryHold.ShortOfStock, (long?)null), (row.Status, row.Hold, row.OrderId));
        var told = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.StandingDeliveryWaiting && n.Subject == $"#{a.AgreementId} {Iso(a.Due)}")
            .Select(n => n.UserId).ToListAsync());
        var buyerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == a.BuyerEmail).Select(u => u.Id).SingleAsync());
        var supplierUser = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == a.SupplierEmail).Select(u => u.Id).SingleAsync());
        Assert.Single(told, buyerId);
        Assert.Single(told, supplierUser);
        var supplier = await SignedInClientAsync(a.SupplierEmail);
        var page = await supplier.GetPageAsync($"/supplier/agreements/{a.AgreementId}");
        Assert.Equal("库存不足，暂未下单", page.Text($"#deliveries tr[data-date='{Iso(a.Due)}'] .delivery-hold"));
        Assert.Equal("1", page.Text("#record-waiting"));

        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == a.ListingId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Stock, 45)));
        await Factory.Services.RunStandingOrdersAsync();

        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal(OrderFen, order.TotalFen);
        Assert.Equal(5, await StockAsync(a.ListingId));
        row = Assert.Single(await RowsAsync(a.AgreementId));
        Assert.Equal((StandingDeliveryStatus.Ordered, (StandingDeliveryHold?)null), (row.Status, row.Hold));
    }

    [SkippableFact]
    public async Task AnAgreementWithoutAListingWaitsWithThatReasonAndMakesNoOrder()
    {
        var a = await ArrangeAsync(withListing: false);

        await Factory.Services.RunStandingOrdersAsync();

        Assert.Empty(await OrdersAsync(a.AgreementId));
        Assert.Equal(StandingDeliveryHold.NoListing, Assert.Single(await RowsAsync(a.AgreementId)).Hold);
        var buyer = await SignedInClientAsync(a.BuyerEmail);
        Assert.Equal("协议未指定商品，暂不能下单", (await buyer.GetPageAsync($"/organisation/agreements/{a.AgreementId}")).Text(".delivery-hold"));
    }

    [SkippableFact]
    public async Task TheBuyerChangesAndSkipsWithinTheNoticeAndIsToldWhyNotAfterIt()
    {
        // Notice of 3 days: the delivery two days from now can no longer change; the one nine days from now can.
        var a = await ArrangeAsync(noticeDays: 3);
        var later = a.Due.AddDays(7);
        var buyer = await SignedInClientAsync(a.BuyerEmail);
        var page = await buyer.GetPageAsync($"/organisation/agreements/{a.AgreementId}");

        var tooLate = await page.SubmitAsync(buyer, $"#deliveries tr[data-date='{Iso(a.Due)}'] .skip-form");
        Assert.Equal($"已过协议约定的提前通知期，{Iso(a.Due)} 的送货不能再修改或跳过，未做任何更改。", tooLate.Text("#status"));
        Assert.Empty(await RowsAsync(a.AgreementId));

        var changed = await tooLate.SubmitAsync(buyer, $"#deliveries tr[data-date='{Iso(later)}'] .change-form", [new("quantity", "25")]);
        Assert.Equal($"已修改 {Iso(later)} 的送货数量。", changed.Text("#status"));
        Assert.Equal("25 盒", changed.Text($"#deliveries tr[data-date='{Iso(later)}'] .delivery-quantity"));
        var zero = await changed.SubmitAsync(buyer, $"#deliveries tr[data-date='{Iso(later)}'] .change-form", [new("quantity", "0")]);
        Assert.Equal($"数量须在 1 到 1,000,000 之间，{Iso(later)} 的送货未更改。", zero.Text("#status"));
        Assert.Equal(25, Assert.Single(await RowsAsync(a.AgreementId)).Quantity);

        var skipped = await zero.SubmitAsync(buyer, $"#deliveries tr[data-date='{Iso(later)}'] .skip-form");
        Assert.Equal($"已跳过 {Iso(later)} 的送货。", skipped.Text("#status"));
        Assert.Equal("1", skipped.Text("#record-skipped"));
        Assert.Equal(StandingDeliveryStatus.Skipped, Assert.Single(await RowsAsync(a.AgreementId)).Status);

        // With a lead of ten days the skipped delivery is not made; the due one is.
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Id == a.OrganisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.StandingOrderLeadDays, 10)));
        await Factory.Services.RunStandingOrdersAsync();
        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal(a.Due, order.Purchase.RequestedDeliveryDate);
        // The supplier's one member heard of the change and of the skip.
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.StandingDeliveryChanged && n.Subject == $"#{a.AgreementId} {Iso(later)}")));
    }

    [SkippableFact]
    public async Task TheSupplierConfirmsOneDeliveryAndDeclinesAnotherWhoseOrderIsCancelledWithItsStockReturned()
    {
        var a = await ArrangeAsync();
        await Factory.Services.RunStandingOrdersAsync();
        var order = Assert.Single(await OrdersAsync(a.AgreementId));
        Assert.Equal(60, await StockAsync(a.ListingId));
        var later = a.Due.AddDays(7);
        var supplier = await SignedInClientAsync(a.SupplierEmail);
        var page = await supplier.GetPageAsync($"/supplier/agreements/{a.AgreementId}");

        var confirmed = await page.SubmitAsync(supplier, $"#deliveries tr[data-date='{Iso(later)}'] .confirm-form");
        Assert.Equal($"已确认 {Iso(later)} 的送货。", confirmed.Text("#status"));
        Assert.Equal("供应商已确认", confirmed.Text($"#deliveries tr[data-date='{Iso(later)}'] .delivery-confirmed"));

        var noReason = await confirmed.SubmitAsync(supplier, $"#deliveries tr[data-date='{Iso(a.Due)}'] .decline-form", [new("reason", " ")]);
        Assert.Equal($"拒绝 {Iso(a.Due)} 的送货须填写原因。", noReason.Text("#status"));
        Assert.Equal(OrderStatus.Approved, (await OrdersAsync(a.AgreementId)).Single().Status);

        var declined = await noReason.SubmitAsync(supplier, $"#deliveries tr[data-date='{Iso(a.Due)}'] .decline-form", [new("reason", "冰雹受灾，本周无货")]);
        Assert.Equal($"已拒绝 {Iso(a.Due)} 的送货，采购单位已收到通知。", declined.Text("#status"));
        Assert.Equal("1", declined.Text("#record-declined"));
        var cancelled = (await OrdersAsync(a.AgreementId)).Single();
        Assert.Equal((OrderStatus.Cancelled, CancellationKind.DeclinedBySupplier), (cancelled.Status, cancelled.Cancellation));
        Assert.Equal(100, await StockAsync(a.ListingId));
        var rows = await RowsAsync(a.AgreementId);
        Assert.Equal((StandingDeliveryStatus.Declined, "冰雹受灾，本周无货", order.Id), (rows[0].Status, rows[0].DeclineReason, rows[0].OrderId));
        Assert.NotNull(rows[1].ConfirmedAtUtc);
        // A declined delivery is not made again.
        Assert.Equal(0, (await Factory.Services.RunStandingOrdersAsync()).Made);
    }

    [SkippableFact]
    public async Task AnotherOrganisationsOrSuppliersPeopleNeitherSeeNorChangeTheAgreementsDeliveries()
    {
        var a = await ArrangeAsync();
        var school = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin));
        var (_, otherSupplierEmail) = await Factory.AddSupplierAsync();
        var otherSupplier = await SignedInClientAsync(otherSupplierEmail);
        var later = Iso(a.Due.AddDays(7));

        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/organisation/agreements/{a.AgreementId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await school.PostWithTokenAsync($"/organisation/agreements/{a.AgreementId}/deliveries?handler=Skip", [new("date", later)]));
        Assert.Equal(HttpStatusCode.NotFound, await school.PostWithTokenAsync($"/organisation/agreements/{a.AgreementId}/deliveries?handler=Change", [new("date", later), new("quantity", "1")]));
        Assert.Equal(HttpStatusCode.NotFound, (await otherSupplier.GetAsync($"/supplier/agreements/{a.AgreementId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await otherSupplier.PostWithTokenAsync($"/supplier/agreements/{a.AgreementId}/deliveries?handler=Decline", [new("date", later), new("reason", "x")]));
        Assert.Equal(HttpStatusCode.NotFound, await otherSupplier.PostWithTokenAsync($"/supplier/agreements/{a.AgreementId}/deliveries?handler=Confirm", [new("date", later)]));

        Assert.Empty(await RowsAsync(a.AgreementId));
    }

    [SkippableFact]
    public async Task TheOrgAdminSetsTheLeadDaysBetweenOneAndThirty()
    {
        Client();
        var admin = await SignedInClientAsync(DemoData.MemberEmail("hospital", "admin"));
        var page = await admin.GetPageAsync("/organisation/settings");
        Assert.Equal("3", page.Get("#Input_StandingOrderLeadDays").GetAttribute("value"));

        var refused = await page.SubmitAsync(admin, "#settings-form", [new("Input.StandingOrderLeadDays", "31")]);
        Assert.NotEmpty(refused.Errors);
        var saved = await page.SubmitAsync(admin, "#settings-form", [new("Input.StandingOrderLeadDays", "7")]);
        Assert.Empty(saved.Errors);
        Assert.Equal("7", saved.Get("#Input_StandingOrderLeadDays").GetAttribute("value"));
        Assert.Equal(7, await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Hospital).Select(o => o.StandingOrderLeadDays).SingleAsync()));
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Hospital).ExecuteUpdateAsync(s => s.SetProperty(o => o.StandingOrderLeadDays, 3)));
    }
}
