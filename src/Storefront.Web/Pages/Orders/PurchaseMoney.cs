using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Settings;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// What a purchase's organisation has paid by bank transfer and what remains, as the buyer's, the admins' pages and
/// the payment notice show it: each transfer with the orders it paid, what each order has received, and the surplus
/// (多付) that no order took, which stays in view until it is returned.
/// </summary>
public sealed record PurchaseMoney(
    IReadOnlyList<PurchaseMoney.TransferRow> Transfers,
    IReadOnlyDictionary<long, long> ReceivedByOrder,
    long PaidFen,
    long RemainingFen,
    long SurplusFen,
    CollectionAccount? Account)
{
    public sealed record ShareRow(long OrderId, string OrderNumber, long AmountFen);
    public sealed record TransferRow(long Id, long AmountFen, DateTime PaidAtUtc, string Payer, string Reference, IReadOnlyList<ShareRow> Shares)
    {
        public long SurplusFen => AmountFen - Shares.Sum(s => s.AmountFen);
    }

    public long ReceivedFen => Transfers.Sum(t => t.AmountFen);

    public long ReceivedFor(long orderId) => ReceivedByOrder.GetValueOrDefault(orderId);

    public static async Task<PurchaseMoney> LoadAsync(StorefrontDbContext db, PlatformSettings settings, PurchaseView purchase, CancellationToken ct)
    {
        var transfers = await db.BankTransfers.AsNoTracking().Where(t => t.PurchaseId == purchase.Id).OrderBy(t => t.PaidAtUtc).ThenBy(t => t.Id)
            .Select(t => new TransferRow(t.Id, t.AmountFen, t.PaidAtUtc, t.Payer, t.Reference,
                t.Shares.OrderBy(s => s.OrderId).Select(s => new ShareRow(s.OrderId, db.Orders.Where(o => o.Id == s.OrderId).Select(o => o.Number).First(), s.AmountFen)).ToList()))
            .ToListAsync(ct);
        var received = transfers.SelectMany(t => t.Shares).GroupBy(s => s.OrderId).ToDictionary(g => g.Key, g => g.Sum(s => s.AmountFen));
        var live = purchase.Orders.Where(o => o.Status is not (OrderStatus.Cancelled or OrderStatus.PendingApproval)).ToList();
        var paid = live.Sum(o => o.Status == OrderStatus.Approved ? received.GetValueOrDefault(o.Id) : o.TotalFen);
        var remaining = live.Where(o => o.Status == OrderStatus.Approved).Sum(o => o.TotalFen - received.GetValueOrDefault(o.Id));
        // Money on an order that was then cancelled is no longer spent on anything: it is surplus too.
        var spent = live.Sum(o => received.GetValueOrDefault(o.Id));
        return new PurchaseMoney(transfers, received, paid, remaining, transfers.Sum(t => t.AmountFen) - spent, await settings.CollectionAccountAsync(ct));
    }
}

/// <summary>What the collection-account partial shows: the account (null: not set yet), the purchase number to write, the amount due.</summary>
public sealed record TransferInstructions(CollectionAccount? Account, string PurchaseNumber, long DueFen, string? NoticeHref);
