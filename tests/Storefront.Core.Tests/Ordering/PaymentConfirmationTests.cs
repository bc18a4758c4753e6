using Microsoft.EntityFrameworkCore;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using static Storefront.Core.Ordering.PaymentConfirmation;

namespace Storefront.Core.Tests.Ordering;

public class PaymentConfirmationTests
{
    private static readonly DateTime PaidAt = new(2026, 3, 5, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>A purchase of two approved orders: ¥400 from Yongshun (433127) and ¥300 from Dongkou (430525).</summary>
    private static async Task<(InMemoryDatabase Database, OrderingBuilders.Services Services, Purchase Purchase)> ApprovedPurchaseAsync()
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var tea = await db.AddListingAsync(await db.AddSupplierAsync("433127"), priceFen: 1000);
        var rice = await db.AddListingAsync(await db.AddSupplierAsync("430525"), priceFen: 1000);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(tea.Id, 40), new(rice.Id, 30)]);
        var placed = await services.CheckOutAsync(db, school, buyer);
        return (database, services, placed.Purchase!);
    }

    [Fact]
    public async Task ABankTransferPaysTheApprovedOrdersAndCountsEachOrderAndCountyOnce()
    {
        var (database, services, purchase) = await ApprovedPurchaseAsync();
        await using var _ = database;
        var db = database.Db;

        var result = await services.Payments.ConfirmAsync(new(purchase.Id, PaymentMethod.BankTransfer, 70_000, PaidAt, " HX2026030500017 ", "admin-id", "admin"));

        Assert.Equal(Outcome.Confirmed, result.Outcome);
        var orders = await db.Orders.AsNoTracking().Where(o => o.PurchaseId == purchase.Id).ToListAsync();
        Assert.All(orders, o => Assert.Equal((OrderStatus.Paid, result.Payment!.Id, PaidAt), (o.Status, o.PaymentId!.Value, o.PaidAtUtc!.Value)));
        var entries = await db.QuotaEntries.AsNoTracking().OrderBy(e => e.AmountFen).ToListAsync();
        Assert.Equal([(30_000L, "430525"), (40_000L, "433127")], entries.Select(e => (e.AmountFen, e.CountyCode!)));
        Assert.All(entries, e => Assert.Equal((QuotaEntryKind.PaymentConfirmed, 2026, 3), (e.Kind, e.Year, e.Month)));
        Assert.Equal(SourceKey(result.Payment!.Id, entries[0].OrderId!.Value, "430525"), entries[0].SourceKey);
        Assert.Equal("HX2026030500017", result.Payment.Reference);
    }

    [Fact]
    public async Task TheSamePaymentRecordedAgainChangesNothing()
    {
        var (database, services, purchase) = await ApprovedPurchaseAsync();
        await using var _ = database;
        var request = new Request(purchase.Id, PaymentMethod.BankTransfer, 70_000, PaidAt, "HX1", null, "admin");
        var first = await services.Payments.ConfirmAsync(request);
        var again = await services.Payments.ConfirmAsync(request);
        Assert.Equal((Outcome.Confirmed, Outcome.AlreadyConfirmed), (first.Outcome, again.Outcome));
        Assert.Equal(first.Payment!.Id, again.Payment!.Id);
        Assert.Equal(1, await database.Db.Payments.CountAsync());
        Assert.Equal(2, await database.Db.QuotaEntries.CountAsync());
        // Another reference for a purchase with nothing left to pay is refused, not counted.
        Assert.Equal(Outcome.NothingDue, (await services.Payments.ConfirmAsync(request with { Reference = "HX2" })).Outcome);
        Assert.Equal(70_000, await new QuotaLedger(database.Db, TimeProvider.System).CountedFenAsync(purchase.OrganisationId, 2026));
    }

    [Fact]
    public async Task AnAmountOtherThanWhatIsDueIsRefusedWithWhatIsDue()
    {
        var (database, services, purchase) = await ApprovedPurchaseAsync();
        await using var _ = database;
        var result = await services.Payments.ConfirmAsync(new(purchase.Id, PaymentMethod.BankTransfer, 69_999, PaidAt, "HX1", null, "admin"));
        Assert.Equal((Outcome.AmountMismatch, 70_000L), (result.Outcome, result.DueFen));
        Assert.Equal(0, await database.Db.Payments.CountAsync());
        Assert.Equal(Outcome.ReferenceRequired, (await services.Payments.ConfirmAsync(new(purchase.Id, PaymentMethod.BankTransfer, 70_000, PaidAt, " ", null, "admin"))).Outcome);
        Assert.Equal(Outcome.NotFound, (await services.Payments.ConfirmAsync(new(purchase.Id + 1, PaymentMethod.BankTransfer, 70_000, PaidAt, "X", null, "admin"))).Outcome);
    }

    [Fact]
    public async Task ProduceOfACountyNoLongerDesignatedIsPaidButNotCounted()
    {
        var (database, services, purchase) = await ApprovedPurchaseAsync();
        await using var _ = database;
        await database.Db.DesignatedCounties.Where(c => c.CountyCode == "430525").ExecuteDeleteAsync();

        var result = await services.Payments.ConfirmAsync(new(purchase.Id, PaymentMethod.BankTransfer, 70_000, PaidAt, "HX1", null, "admin"));

        Assert.Equal(Outcome.Confirmed, result.Outcome);
        Assert.Equal("433127", (await database.Db.QuotaEntries.SingleAsync()).CountyCode);
        Assert.Equal(2, await database.Db.Orders.CountAsync(o => o.Status == OrderStatus.Paid));
    }
}
