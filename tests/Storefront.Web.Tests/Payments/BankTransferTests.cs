using Microsoft.EntityFrameworkCore;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Core.Settings;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Payments;

public class BankTransfersOnSqlite(StorefrontFactory factory) : BankTransferTests<StorefrontFactory>(factory);
public class BankTransfersOnPostgreSql(PostgreSqlStorefrontFactory factory) : BankTransferTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Paying by transfer for real (issue 14): the collection account admins set and buyers see wherever a transfer is
/// due, the printable payment notice, and several transfers per purchase, each order paid and counted once when its
/// own share is covered, the surplus shown.
/// </summary>
public abstract class BankTransferTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const string Holder = "湖南消费帮扶服务有限公司";
    private const string Bank = "中国工商银行长沙岳麓支行";

    private async Task<HtmlPage> SetAccountAsync(HttpClient admin, string holder, string bank, string number) =>
        await (await admin.GetPageAsync("/admin/settings")).SubmitAsync(admin, "#account-form",
            [new("Account.Holder", holder), new("Account.Bank", bank), new("Account.Number", number)]);

    /// <summary>A new hospital buyer's rice and tea, due at once: the purchase and its orders by sequence with their totals.</summary>
    private async Task<(HttpClient Buyer, HtmlPage Purchase, long PurchaseId, (long Id, long Total)[] Orders)> PlacedAsync()
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        var purchase = await buyer.CheckOutAsync();
        var purchaseId = PurchaseIdOf(purchase);
        var orders = await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).OrderBy(o => o.Sequence)
            .Select(o => new ValueTuple<long, long>(o.Id, o.TotalFen)).ToListAsync());
        return (buyer, purchase, purchaseId, orders.ToArray());
    }

    private static string Yuan(long fen) => Core.Money.Fen.ToYuanText(fen);

    private static Task<HtmlPage> RecordAsync(HttpClient admin, HtmlPage page, long fen, string reference, params long[] orderIds) =>
        page.SubmitAsync(admin, "#transfer-form",
            [new("Transfer.Amount", Yuan(fen)), new("Transfer.Reference", reference), new("Transfer.Payer", Hospital), .. orderIds.Select(id => new KeyValuePair<string, string>("Transfer.OrderIds", id.ToString()))]);

    private Task<long> CountedAsync(long orderId) => Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == orderId).SumAsync(e => e.AmountFen));

    [SkippableFact]
    public async Task TheAdminSetsTheCollectionAccountAndBuyersSeeItOnThePurchaseTheOrderAndThePrintableNotice()
    {
        Client();
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        // Offline with no account: the admin hears first that buyers cannot pay, and the buyer that the account is missing.
        // An empty form clears nothing (every part is required); the clear button does.
        await SetAccountAsync(admin, Holder, Bank, "1901001209200123456");
        Assert.Equal(["请填写户名。", "请填写开户行。", "请填写账号。"], (await SetAccountAsync(admin, "", "", "")).Errors);
        var cleared = await (await admin.GetPageAsync("/admin/settings")).SubmitAsync(admin, "#account-form", submitName: "ClearAccount", submitValue: "true");
        Assert.Equal("收款账户已清除：买方暂时无法转账付款。", cleared.Text(".flash"));
        Assert.Null(cleared.Find("#account-clear"));
        Assert.Contains("买方目前无法以银行转账付款", (await admin.GetPageAsync("/admin")).Text("#no-collection-account"));
        var (buyer, placed, purchaseId, orders) = await PlacedAsync();
        Assert.Contains("尚未设置收款账户", placed.Text("#account-missing"));
        Assert.Null(placed.Find("#account-number"));

        // Validated: nothing saved from a bad number or a missing bank.
        var bad = await SetAccountAsync(admin, Holder, "", "1901-0012-09AB");
        Assert.Equal(["请填写开户行。", "账号应为 8–32 位数字（可含空格）。"], bad.Errors);
        Assert.Null(await Factory.WithDbAsync(db => db.PlatformSettings.Where(s => s.Key == PlatformSettings.CollectionNumberKey && s.Value != "").Select(s => s.Value).FirstOrDefaultAsync()));

        var saved = await SetAccountAsync(admin, Holder, Bank, "1901 0012 0920-0123 456");
        Assert.Equal("1901 0012 0920 0123 456", saved.Get("#Account_Number").GetAttribute("value"));
        Assert.Null((await admin.GetPageAsync("/admin")).Find("#no-collection-account"));
        var audited = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Settings.CollectionAccount").OrderByDescending(a => a.Id).Select(a => a.Details).FirstAsync());
        Assert.Equal($"{Holder} · {Bank} · 1901001209200123456", audited);

        // The purchase: the account, the amount and the purchase number to write as the reference.
        var purchase = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        var number = purchase.Text("#purchase-title").Split(' ').Last();
        Assert.Equal((Holder, Bank, "1901 0012 0920 0123 456", number, "¥4,270.00"),
            (purchase.Text("#account-holder"), purchase.Text("#account-bank"), purchase.Text("#account-number"), purchase.Text("#account-reference"), purchase.Text("#account-amount")));
        // The order: its own amount, the purchase's number.
        var order = await buyer.GetPageAsync($"/orders/{orders[0].Id}");
        Assert.Equal((number, Core.Money.Fen.Format(orders[0].Total)), (order.Text("#account-reference"), order.Text("#account-amount")));

        // The printable notice: organisation, purchase, each order, the total in figures and in capitals, the account.
        var notice = await buyer.GetPageAsync(purchase.Get("#payment-notice-link").GetAttribute("href")!);
        Assert.Equal(("付款通知书", Hospital, number), (notice.Text("#notice-title"), notice.Text("#notice-organisation"), notice.Text("#notice-purchase")));
        Assert.Equal(2, notice.All("#notice-orders tbody tr").Count);
        Assert.Equal(("¥4,270.00", "人民币肆仟贰佰柒拾元整"), (notice.Text("#notice-amount"), notice.Text("#notice-amount-words")));
        Assert.Equal(("1901 0012 0920 0123 456", number), (notice.Text("#account-number"), notice.Text("#account-reference")));
        // Another organisation's member never sees it.
        var school = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await school.GetAsync($"/orders/purchases/{purchaseId}/notice")).StatusCode);
    }

    [SkippableFact]
    public async Task PartTransfersPayEachOrderWhenItsOwnShareIsCoveredCountItOnceAndShowTheSurplus()
    {
        Client();
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await SetAccountAsync(admin, Holder, Bank, "1901001209200123456");
        var (buyer, _, purchaseId, orders) = await PlacedAsync();
        var (first, second) = (orders[0], orders[1]);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var adminPage = $"/admin/orders/purchases/{purchaseId}";

        // A first instalment, less than the first order: recorded, nothing paid, nothing counted.
        var page = await admin.GetPageAsync(adminPage);
        Assert.Equal(Yuan(first.Total + second.Total), page.Get("#Transfer_Amount").GetAttribute("value"));
        Assert.Equal(Hospital, page.Get("#Transfer_Payer").GetAttribute("value"));
        var one = await RecordAsync(admin, page, first.Total - 4_000, $"ICBC-{tag}-1");
        Assert.Contains("已登记 ¥", one.Text(".flash"));
        Assert.Equal(0, await CountedAsync(first.Id));
        var partly = await buyer.GetPageAsync($"/orders/{first.Id}");
        Assert.Equal("部分到账", partly.Text("#payment-state"));
        Assert.Equal($"已到账 {Core.Money.Fen.Format(first.Total - 4_000)} / {Core.Money.Fen.Format(first.Total)}，尚欠 ¥40.00", partly.Text("#payment-received"));
        Assert.Equal("¥40.00", partly.Text("#account-amount"));
        var owedNow = Core.Money.Fen.Format(second.Total + 4_000);
        Assert.Equal((owedNow, owedNow), ((await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).Text("#purchase-due"), (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).Text("#account-amount")));
        Assert.Equal(owedNow, (await admin.GetPageAsync($"/admin/orders?due=true&q={Uri.EscapeDataString(one.Text("#purchase-title").Split(' ').Last())}")).Text($"tr[data-purchase='{purchaseId}'] td:nth-child(4)"));

        // The second covers the rest of the first order (oldest first): it is paid and counted, the second still owes.
        var two = await RecordAsync(admin, await admin.GetPageAsync(adminPage), 4_000, $"ICBC-{tag}-2");
        Assert.Contains("已付清的订单", two.Text(".flash"));
        Assert.Equal(OrderStatus.Paid, await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == first.Id).Select(o => o.Status).SingleAsync()));
        Assert.Equal(first.Total, await CountedAsync(first.Id));
        Assert.Equal((OrderStatus.Approved, 0L), (await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == second.Id).Select(o => o.Status).SingleAsync()), await CountedAsync(second.Id)));
        var purchase = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        Assert.Equal((Core.Money.Fen.Format(first.Total), Core.Money.Fen.Format(second.Total)), (purchase.Text("#transfers-paid"), purchase.Text("#transfers-remaining")));
        Assert.Null(purchase.Find("#transfers-surplus"));

        // The same transfer again counts once; its reference on another purchase is refused, with where it is.
        var again = await RecordAsync(admin, await admin.GetPageAsync(adminPage), 4_000, $"ICBC-{tag}-2");
        Assert.Contains("此前已登记", again.Text(".flash"));
        var (_, _, otherPurchase, _) = await PlacedAsync();
        var taken = await RecordAsync(admin, await admin.GetPageAsync($"/admin/orders/purchases/{otherPurchase}"), 4_000, $"ICBC-{tag}-2");
        Assert.Contains($"已登记在采购单 {purchase.Text("#purchase-title").Split(' ').Last()}", taken.Errors.Single());
        Assert.Equal(2, await Factory.WithDbAsync(db => db.BankTransfers.CountAsync(t => t.Reference.StartsWith($"ICBC-{tag}"))));

        // More than the second order owes, named by the admin: it is paid, and the rest is shown as overpaid, not absorbed.
        var three = await RecordAsync(admin, await admin.GetPageAsync(adminPage), second.Total + 1_000, $"ICBC-{tag}-3");
        Assert.Contains("多付 ¥10.00", three.Text(".flash"));
        Assert.Contains("多付 ¥10.00", three.Text("#transfers-surplus"));
        Assert.Equal(second.Total, await CountedAsync(second.Id));
        Assert.NotNull(three.Find("#nothing-due"));
        purchase = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        Assert.Equal(("¥0.00", Core.Money.Fen.Format(first.Total + second.Total)), (purchase.Text("#transfers-remaining"), purchase.Text("#transfers-paid")));
        Assert.Contains("多付 ¥10.00", purchase.Text("#transfers-surplus"));
        Assert.Null(purchase.Find("#collection-account"));

        // Each order counted once, by one payment each; the history names the method in Chinese.
        Assert.Equal(2, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
        Assert.Equal(first.Total + second.Total, await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.Kind == QuotaEntryKind.PaymentConfirmed && orders.Select(o => o.Id).Contains(e.OrderId!.Value)).SumAsync(e => e.AmountFen)));
        var history = (await buyer.GetPageAsync($"/orders/{first.Id}")).Text("#order-history");
        Assert.Contains($"银行转账 ICBC-{tag}-2", history);
        Assert.DoesNotContain("BankTransfer", history);
    }

    [SkippableFact]
    public async Task AnAdminMayNameTheOrderATransferPaysAndAnOrderThatOwesNothingIsRefused()
    {
        Client();
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, _, purchaseId, orders) = await PlacedAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var page = await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}");
        Assert.Equal(2, page.All("#transfer-orders input[type=checkbox]").Count);
        // The school pays the second supplier first: the second order is paid, the first untouched.
        var paid = await RecordAsync(admin, page, orders[1].Total, $"BOC-{tag}-1", orders[1].Id);
        Assert.Contains("已付清的订单", paid.Text(".flash"));
        Assert.Equal((0L, orders[1].Total), (await CountedAsync(orders[0].Id), await CountedAsync(orders[1].Id)));
        // Naming it again (a stale page) records nothing.
        var stale = await RecordAsync(admin, page, 100, $"BOC-{tag}-2", orders[1].Id);
        Assert.Contains("所选订单目前不需付款", stale.Errors.Single());
        Assert.False(await Factory.WithDbAsync(db => db.BankTransfers.AnyAsync(t => t.Reference == $"BOC-{tag}-2")));
    }

    [SkippableFact]
    public async Task ATransferRecordedBeforeTransfersWereKeptOneByOneIsNotRecordedAgain()
    {
        Client();
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var (_, _, purchaseId, _) = await PlacedAsync();
        var reference = $"ABC-{Guid.NewGuid():N}"[..20];
        // As the earlier shop stored it: a payment of the purchase by bank transfer, with no transfer behind it.
        await Factory.WithDbAsync(async db =>
        {
            db.Payments.Add(new Payment { PurchaseId = purchaseId, Method = PaymentMethod.BankTransfer, AmountFen = 100, PaidAtUtc = DateTime.UtcNow, Reference = reference, RecordedAtUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        var again = await RecordAsync(admin, await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}"), 100, reference);
        Assert.Contains("此前已登记", again.Text(".flash"));
        Assert.False(await Factory.WithDbAsync(db => db.BankTransfers.AnyAsync(t => t.Reference == reference)));
    }

    [SkippableFact]
    public async Task TwoAdminsRecordingAtOnceNeverPayOrCountAnOrderTwice()
    {
        Client();
        var (_, _, purchaseId, orders) = await PlacedAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var admins = await Task.WhenAll(SignedInClientAsync(DemoData.AdminEmail), SignedInClientAsync(DemoData.AdminEmail));
        var pages = await Task.WhenAll(admins.Select(a => a.GetPageAsync($"/admin/orders/purchases/{purchaseId}")));
        // Each pays 60% of the first order, at the same moment: together they pay it, once, and 20% is left over.
        var share = orders[0].Total * 6 / 10;
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => RecordAsync(admins[i], pages[i], share, $"CCB-{tag}-{i}", orders[0].Id)));
        Assert.All(results, r => Assert.Contains("已登记 ¥", r.Text(".flash")));

        var transfers = await Factory.WithDbAsync(db => db.BankTransfers.Include(t => t.Shares).Where(t => t.PurchaseId == purchaseId).ToListAsync());
        Assert.Equal(2, transfers.Count);
        Assert.Equal(orders[0].Total, transfers.SelectMany(t => t.Shares).Sum(s => s.AmountFen));
        Assert.Equal(share * 2 - orders[0].Total, transfers.Sum(t => t.SurplusFen));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
        Assert.Equal(orders[0].Total, await CountedAsync(orders[0].Id));
        Assert.Equal(0, await CountedAsync(orders[1].Id));
    }
}
