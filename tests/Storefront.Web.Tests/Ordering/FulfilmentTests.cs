using Microsoft.EntityFrameworkCore;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class FulfilmentOnSqlite(StorefrontFactory factory) : FulfilmentTests<StorefrontFactory>(factory);
public class FulfilmentOnPostgreSql(PostgreSqlStorefrontFactory factory) : FulfilmentTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>An order's whole life through the pages: cart, checkout, approval, bank transfer, shipments, receipt.</summary>
public abstract class FulfilmentTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task TwoCooperativesOrdersGoFromQuickOrderToCompletedThroughEveryoneWhoActs()
    {
        var buyerEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(buyerEmail);
        var rice = await Factory.ListingIdAsync(Rice);
        var tea = await Factory.ListingIdAsync(Tea);
        var stockBefore = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rice || l.Id == tea).ToDictionaryAsync(l => l.Id, l => l.Stock));

        var added = await buyer.QuickOrderAsync($"L{rice}, 200\nL{tea}，50");
        Assert.Equal("2 行已加入购物车，0 行未加入。", added.Text("#quick-order-summary"));
        var cartPage = await buyer.GetPageAsync("/cart");
        Assert.Equal(2, cartPage.All(".cart-lines").Count);
        Assert.Equal("¥4,270.00", cartPage.Text("#cart-total"));

        var purchase = await buyer.CheckOutAsync([new("Input.PurchaseOrderReference", "SY-2026-18")]);
        var purchaseId = PurchaseIdOf(purchase);
        Assert.Equal(2, OrderIdsOf(purchase).Count);
        Assert.All(purchase.All("#purchase-orders .status"), s => Assert.Equal("待审批", s.TextContent.Trim()));
        var riceOrder = await Factory.OrderOfAsync(purchaseId, "dongkou");
        var teaOrder = await Factory.OrderOfAsync(purchaseId, "yongshun");
        Assert.Empty((await buyer.GetPageAsync("/cart")).All(".cart-lines"));

        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));
        // One notification for the purchase, not one per order.
        var purchaseNumber = (await NumberAsync(riceOrder))[..^2];
        Assert.Single((await approver.GetPageAsync("/notifications")).All("#notifications li"), n => n.TextContent.Contains(purchaseNumber));
        foreach (var order in new[] { riceOrder, teaOrder })
        {
            var decided = await approver.DecideAsync(order, "Approve", "同意，按周计划采购");
            Assert.Contains("已批准", decided.Text(".flash"));
        }
        var stockAfter = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rice || l.Id == tea).ToDictionaryAsync(l => l.Id, l => l.Stock));
        Assert.Equal((stockBefore[rice] - 200, stockBefore[tea] - 50), (stockAfter[rice], stockAfter[tea]));

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var adminPurchase = await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}");
        Assert.Equal("4270.00", adminPurchase.Get("#Transfer_Amount").GetAttribute("value"));
        var paid = await adminPurchase.SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", "ICBC-20260302-0001")]);
        Assert.Contains("已登记", paid.Text(".flash"));
        Assert.All(paid.All("#purchase-orders .status"), s => Assert.Equal("已付款", s.TextContent.Trim()));
        var entries = await Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == riceOrder || e.OrderId == teaOrder).OrderBy(e => e.AmountFen).Select(e => new { e.AmountFen, e.CountyCode, e.Kind }).ToListAsync());
        Assert.Equal([(104_000L, "430525"), (323_000L, "433127")], entries.Select(e => (e.AmountFen, e.CountyCode!)));
        Assert.All(entries, e => Assert.Equal(QuotaEntryKind.PaymentConfirmed, e.Kind));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Payment.RecordBankTransfer" && a.SubjectId == purchaseId.ToString())));

        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        var riceForSupplier = await dongkou.GetPageAsync($"/supplier/orders/{riceOrder}");
        riceForSupplier = await riceForSupplier.SubmitAsync(dongkou, "#accept-form");
        var riceLine = riceForSupplier.Get("#ship-form input[data-line]").GetAttribute("name")!;
        riceForSupplier = await riceForSupplier.SubmitAsync(dongkou, "#ship-form", [new(riceLine, "120"), new("Carrier", "顺丰速运"), new("TrackingNumber", "SF1001")]);
        Assert.Equal("已发货", riceForSupplier.Text("#order-status"));
        // The buyer receives the first part before the rest is shipped.
        var riceForBuyer = await (await buyer.GetPageAsync($"/orders/{riceOrder}")).SubmitAsync(buyer, "#receive-form-1");
        Assert.Equal("部分验收", riceForBuyer.Text("#order-status"));
        riceForSupplier = await (await dongkou.GetPageAsync($"/supplier/orders/{riceOrder}")).SubmitAsync(dongkou, "#ship-form", [new("Carrier", "自有车辆")]);
        Assert.Equal(2, riceForSupplier.All("#shipments > li").Count);
        Assert.Null(riceForSupplier.Find("#ship-form"));

        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var teaForSupplier = await (await yongshun.GetPageAsync($"/supplier/orders/{teaOrder}")).SubmitAsync(yongshun, "#accept-form");
        await teaForSupplier.SubmitAsync(yongshun, "#ship-form", [new("Carrier", "中国邮政"), new("TrackingNumber", "EMS77")]);

        riceForBuyer = await buyer.GetPageAsync($"/orders/{riceOrder}");
        Assert.Equal("已发货", riceForBuyer.Text("#order-status"));
        var secondLine = riceForBuyer.Get("#receive-form-2 input[type=number]").GetAttribute("name")!;
        var secondKind = riceForBuyer.Get("#receive-form-2 select").GetAttribute("name")!;
        var noKind = await riceForBuyer.SubmitAsync(buyer, "#receive-form-2", [new(secondLine, "78"), new("ReceiptNote", "两袋受潮")]);
        Assert.Contains("请选择原因", noKind.Text(".form-errors"));
        var refused = await riceForBuyer.SubmitAsync(buyer, "#receive-form-2", [new(secondLine, "78"), new(secondKind, "Quality")]);
        Assert.Contains("请说明短缺或质量问题", refused.Text(".form-errors"));
        riceForBuyer = await refused.SubmitAsync(buyer, "#receive-form-2", [new(secondLine, "78"), new(secondKind, "Quality"), new("ReceiptNote", "两袋受潮")]);
        Assert.Equal("已完成", riceForBuyer.Text("#order-status"));
        Assert.Contains("两袋受潮", riceForBuyer.Text("#receipt-2"));
        var teaForBuyer = await (await buyer.GetPageAsync($"/orders/{teaOrder}")).SubmitAsync(buyer, "#receive-form-1");
        Assert.Equal("已完成", teaForBuyer.Text("#order-status"));

        var history = riceForBuyer.All("#order-history li").Select(l => l.TextContent).ToList();
        Assert.Equal(["已提交", "审批通过", "付款已确认", "供应商已接单", "已发货", "已验收", "已发货", "已验收", "订单完成"],
            history.Select(h => h.Split(' ', 3)[2].Split(' ')[0]).ToList());
        var toldToShip = await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.OrderToShip && n.Link == $"/supplier/orders/{riceOrder}"));
        Assert.True(toldToShip);
        var mails = await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == buyerEmail));
        Assert.True(mails >= 3, $"the buyer got {mails} mails"); // awaiting payment (×2 approvals), shipped (×2)
    }

    [SkippableFact]
    public async Task AnApprovedOrderCancelledByTheBuyerOrDeclinedByTheSupplierGivesItsStockBack()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var tea = await Factory.ListingIdAsync(Tea);
        var stock = () => Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea).Select(l => l.Stock).SingleAsync());
        var before = await stock();

        // ¥680, below the hospital's ¥5,000 threshold: straight on to payment, stock taken at once.
        await buyer.QuickOrderAsync($"L{tea}, 10");
        var first = OrderIdsOf(await buyer.CheckOutAsync()).Single();
        Assert.Equal(before - 10, await stock());
        var cancelled = await (await buyer.GetPageAsync($"/orders/{first}")).SubmitAsync(buyer, "#cancel-form", [new("CancelReason", "计划变更")]);
        Assert.Equal("已取消", cancelled.Text("#order-status"));
        Assert.Equal(before, await stock());
        Assert.Null(cancelled.Find("#cancel-form"));

        await buyer.QuickOrderAsync($"L{tea}, 10");
        var second = OrderIdsOf(await buyer.CheckOutAsync()).Single();
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var page = await yongshun.GetPageAsync($"/supplier/orders/{second}");
        var noReason = await page.SubmitAsync(yongshun, "#decline-form");
        Assert.Contains("请填写原因", noReason.Text(".form-errors"));
        var declined = await noReason.SubmitAsync(yongshun, "#decline-form", [new("DeclineReason", "本周产能不足")]);
        Assert.Contains("供应商已拒单", declined.Text("#order-cancellation"));
        Assert.Equal(before, await stock());
        var told = await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.OrderDeclined && n.Link == $"/orders/{second}"));
        Assert.True(told);
    }

    [SkippableFact]
    public async Task ACancelledOrderOfSeveralLinesGivesEachListingItsStockBackInOneGo()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var tea = await Factory.ListingIdAsync(Tea);
        // Another published listing of the same cooperative, so that both lines are one order, at its minimum order.
        var (other, otherQuantity) = await Factory.WithDbAsync(async db =>
        {
            var supplier = await db.Listings.Where(l => l.Id == tea).Select(l => l.SupplierId).SingleAsync();
            var found = await db.Listings.Where(l => l.SupplierId == supplier && l.Id != tea && l.Status == Core.Catalog.ListingStatus.Published && l.Stock >= 100)
                .OrderBy(l => l.Id).Select(l => new { l.Id, l.MinOrderQuantity }).FirstAsync();
            return (found.Id, found.MinOrderQuantity);
        });
        var stocks = () => Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea || l.Id == other).OrderBy(l => l.Id).Select(l => l.Stock).ToListAsync());
        var jobs = () => Factory.WithDbAsync(async db => new[]
        {
            await db.ListingSyncJobs.CountAsync(j => j.ListingId == tea), await db.ListingSyncJobs.CountAsync(j => j.ListingId == other),
        });
        var before = await stocks();
        var jobsBefore = await jobs();

        await buyer.QuickOrderAsync($"L{tea}, 10\nL{other}, {otherQuantity}");
        var order = OrderIdsOf(await buyer.CheckOutAsync()).Single();
        Assert.NotEqual(before, await stocks());
        var cancelled = await (await buyer.GetPageAsync($"/orders/{order}")).SubmitAsync(buyer, "#cancel-form", [new("CancelReason", "计划变更")]);

        Assert.Equal("已取消", cancelled.Text("#order-status"));
        Assert.Equal(before, await stocks());
        // Each listing's change went to the 832 outbox: one job for taking, one for giving back.
        Assert.Equal(jobsBefore.Select(n => n + 2), await jobs());
    }

    [SkippableFact]
    public async Task ARejectedOrderNeedsACommentAndNeverTakesStock()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var rice = await Factory.ListingIdAsync(Rice);
        var before = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rice).Select(l => l.Stock).SingleAsync());
        await buyer.QuickOrderAsync($"L{rice}, 500");
        var order = OrderIdsOf(await buyer.CheckOutAsync()).Single();

        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));
        var withoutComment = await approver.DecideAsync(order, "Reject");
        Assert.Contains("请填写原因", withoutComment.Text(".form-errors"));
        var rejected = await approver.DecideAsync(order, "Reject", "本月预算已用完");
        Assert.Contains("已驳回", rejected.Text(".flash"));

        // Rejected reads 已驳回 with the reason, not 已取消, on the order and on its purchase.
        var page = await buyer.GetPageAsync($"/orders/{order}");
        Assert.Equal("已驳回", page.Text("#order-status"));
        Assert.Equal("· 驳回原因：本月预算已用完", page.Text("#order-cancellation"));
        var purchaseId = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == order).Select(o => o.PurchaseId).SingleAsync());
        var purchase = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        Assert.Equal("已驳回 · 驳回原因：本月预算已用完", purchase.Get($"#purchase-orders tr[data-order='{order}'] td:last-child").TextContent.Trim());
        var list = await buyer.GetPageAsync("/orders");
        Assert.Equal("已驳回", list.Text($"#orders tr[data-order='{order}'] .status"));
        Assert.Equal(before, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rice).Select(l => l.Stock).SingleAsync()));
    }

    [SkippableFact]
    public async Task ABankTransferOfNoAmountOrADateOutOfRangeIsRefusedBesideTheField()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 10");
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}");

        // Less than the order is a part payment (see BankTransferTests); nothing, or less than nothing, is not a transfer.
        var wrong = await page.SubmitAsync(admin, "#transfer-form", [new("Transfer.Amount", "-600"), new("Transfer.Reference", "X1")]);
        Assert.Contains("大于 0", wrong.Errors.Single());
        var future = await page.SubmitAsync(admin, "#transfer-form", [new("Transfer.PaidOn", "2099-01-01"), new("Transfer.Reference", "X1")]);
        Assert.Contains("到账日期", future.Errors.Single());
        var notAnAmount = await page.SubmitAsync(admin, "#transfer-form", [new("Transfer.Amount", "六百"), new("Transfer.Reference", "X1")]);
        Assert.Contains("金额", notAnAmount.Errors.Single());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Payments.CountAsync(p => p.PurchaseId == purchaseId)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.BankTransfers.CountAsync(t => t.PurchaseId == purchaseId)));
    }

    private Task<string> NumberAsync(long orderId) => Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
}
