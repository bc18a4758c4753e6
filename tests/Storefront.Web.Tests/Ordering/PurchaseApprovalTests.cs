using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Payments;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class PurchaseApprovalOnSqlite(StorefrontFactory factory) : PurchaseApprovalTests<StorefrontFactory>(factory);
public class PurchaseApprovalOnPostgreSql(PostgreSqlStorefrontFactory factory) : PurchaseApprovalTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// A purchase split across suppliers is one decision: its orders wait together when the purchase reaches the threshold,
/// the approver hears once and decides on all of them, or some, in one form; the buyer hears once; a rejected order
/// reads 已驳回 with the reason.
/// </summary>
public abstract class PurchaseApprovalTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>
    /// A new buyer of the school with one listing of each of <paramref name="suppliers"/> suppliers in the cart, at its
    /// minimum order, and the school's threshold set just above the dearest of those orders: each order alone is under
    /// it, the purchase is not. Returns the buyer and the threshold.
    /// </summary>
    private async Task<(HttpClient Buyer, long ThresholdFen)> BuyerWithSuppliersAsync(int suppliers)
    {
        Client();
        var picks = await Factory.WithDbAsync(async db => (await db.Listings.AsNoTracking().Include(l => l.PriceTiers)
                .Where(l => l.Status == ListingStatus.Published && l.Stock >= 1000).OrderBy(l => l.Id).ToListAsync())
            .DistinctBy(l => l.SupplierId).Take(suppliers)
            .Select(l => (l.Id, l.MinOrderQuantity, AmountFen: l.PriceTiers.OrderBy(t => t.MinQuantity).First().UnitPriceFen * l.MinOrderQuantity)).ToList());
        Assert.Equal(suppliers, picks.Count);
        var threshold = picks.Max(p => p.AmountFen) + 1;
        Assert.True(threshold <= picks.Sum(p => p.AmountFen));
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == School).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)threshold)));
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync(string.Join("\n", picks.Select(p => $"L{p.Id}, {p.MinOrderQuantity}")));
        return (buyer, threshold);
    }

    private Task<List<OrderStatus>> StatusesAsync(long purchaseId) =>
        Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).OrderBy(o => o.Sequence).Select(o => o.Status).ToListAsync());

    private Task<List<(NotificationKind Kind, string Subject)>> NotificationsOfAsync(string email, long afterId) =>
        Factory.WithDbAsync(db => db.Notifications.Where(n => n.Id > afterId && db.Users.Any(u => u.Id == n.UserId && u.Email == email))
            .OrderBy(n => n.Id).Select(n => new ValueTuple<NotificationKind, string>(n.Kind, n.Subject)).ToListAsync());

    private Task<long> LastNotificationAsync() => Factory.WithDbAsync(db => db.Notifications.MaxAsync(n => (long?)n.Id)).ContinueWith(t => t.Result ?? 0);

    [SkippableFact]
    public async Task ASevenSupplierPurchaseUnderTheThresholdOrderByOrderWaitsWholeAndIsApprovedInOneDecision()
    {
        var (buyer, _) = await BuyerWithSuppliersAsync(7);
        var mark = await LastNotificationAsync();
        var placed = await buyer.CheckOutAsync();
        var purchaseId = PurchaseIdOf(placed);
        var number = await Factory.WithDbAsync(db => db.Purchases.Where(p => p.Id == purchaseId).Select(p => p.Number).SingleAsync());
        Assert.Equal(Enumerable.Repeat("待审批", 7), placed.All("#purchase-orders .status").Select(s => s.TextContent.Trim()));

        var approverEmail = DemoData.MemberEmail("school", "approver");
        Assert.Equal([(NotificationKind.PurchaseAwaitingApproval, number)], await NotificationsOfAsync(approverEmail, mark));
        var approver = await SignedInClientAsync(approverEmail);
        var queue = await approver.GetPageAsync("/approvals");
        Assert.Equal("1 张采购单待审批", queue.Text("#approvals-count"));
        Assert.Equal([$"purchase-{purchaseId}"], queue.All("#approval-queue > li").Select(li => li.Id!));
        Assert.Equal(7, queue.All($"#decide-purchase-{purchaseId} input[name=OrderIds][checked]").Count);

        mark = await LastNotificationAsync();
        var decided = await approver.DecidePurchaseAsync(purchaseId, "Approve", "同意，本周食堂用");

        Assert.Equal($"采购单 {number}：已批准 7 个订单。", decided.Text(".flash"));
        Assert.NotNull(decided.Find("#approvals-empty"));
        Assert.Null(decided.Find("#approvals-count"));
        Assert.Equal(Enumerable.Repeat(OrderStatus.Approved, 7), await StatusesAsync(purchaseId));
        Assert.Equal([(NotificationKind.OrderAwaitingPayment, number)], await NotificationsOfAsync(await BuyerEmailAsync(purchaseId), mark));
        Assert.Equal(Enumerable.Repeat("待付款", 7), (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).All("#purchase-orders .status").Select(s => s.TextContent.Trim()));
    }

    private Task<string> BuyerEmailAsync(long purchaseId) =>
        Factory.WithDbAsync(db => db.Purchases.Where(p => p.Id == purchaseId).Select(p => db.Users.Where(u => u.Id == p.BuyerUserId).Select(u => u.Email!).Single()).SingleAsync());

    [SkippableFact]
    public async Task AnApproverApprovesSomeOrdersAndRejectsTheOthersWithAReasonTheBuyerReadsAsRejected()
    {
        var (buyer, _) = await BuyerWithSuppliersAsync(3);
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var orders = await Factory.OrdersOfAsync(purchaseId);
        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));

        var noReason = await approver.DecidePurchaseAsync(purchaseId, "Reject", orderIds: [orders[2]]);
        Assert.Contains("请填写原因。", noReason.Text(".form-errors"));
        var noneChosen = await approver.DecidePurchaseAsync(purchaseId, "Approve", orderIds: []);
        Assert.Contains("请至少选择一个订单。", noneChosen.Text(".form-errors"));
        Assert.Equal(Enumerable.Repeat(OrderStatus.PendingApproval, 3), await StatusesAsync(purchaseId));

        var mark = await LastNotificationAsync();
        await approver.DecidePurchaseAsync(purchaseId, "Approve", orderIds: [orders[0], orders[1]]);
        var queue = await approver.GetPageAsync("/approvals");
        Assert.Equal([orders[2].ToString(System.Globalization.CultureInfo.InvariantCulture)], queue.All($"#purchase-{purchaseId} tr[data-order]").Select(r => r.GetAttribute("data-order")!));
        var rejected = await approver.DecidePurchaseAsync(purchaseId, "Reject", "本月茶叶已采购");
        Assert.Contains("已驳回 1 个订单", rejected.Text(".flash"));

        Assert.Equal([OrderStatus.Approved, OrderStatus.Approved, OrderStatus.Cancelled], await StatusesAsync(purchaseId));
        var number = await Factory.WithDbAsync(db => db.Purchases.Where(p => p.Id == purchaseId).Select(p => p.Number).SingleAsync());
        Assert.Equal([(NotificationKind.OrderAwaitingPayment, number), (NotificationKind.PurchaseRejected, number)], await NotificationsOfAsync(await BuyerEmailAsync(purchaseId), mark));
        var page = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        Assert.Equal("已驳回 · 驳回原因：本月茶叶已采购", page.Get($"#purchase-orders tr[data-order='{orders[2]}'] td:last-child").TextContent.Trim());
        Assert.Equal("已驳回", (await buyer.GetPageAsync($"/orders/{orders[2]}")).Text("#order-status"));
    }
}
