using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Core.Settings;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}: one checkout of the organisation: its orders, what is due and how to pay it. With Stripe,
/// its buyers pay the due orders by card (Stripe Checkout) or ask for an invoice, and may withdraw an open card page;
/// offline, the page says how to pay by bank transfer.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class PurchaseModel(
    StorefrontDbContext db, CurrentActor actor, PaymentRequests payments, PaymentOutbox outbox, TimeProvider clock,
    PlatformSettings settings, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public PurchaseMoney Money { get; private set; } = null!;

    /// <summary>
    /// Whether the page asks for a bank transfer: offline, or once a transfer has started paying the purchase, while
    /// anything is owed (online, Stripe's card page and invoice ask for the money instead).
    /// </summary>
    public bool TransferDue => Money.RemainingFen > 0 && (!Online || Money.Transfers.Count > 0);

    public TransferInstructions Instructions => new(Money.Account, Purchase.Number, Money.RemainingFen, $"/orders/purchases/{Purchase.Id}/notice");

    public PurchaseView Purchase { get; private set; } = null!;
    public PurchasePayments Payments { get; private set; } = null!;
    public bool IsBuyer { get; private set; }
    public bool Online => payments.IsEnabled;

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Purchase)] long id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [OrganisationPage(OrganisationRoles.Buyer)]
    public Task<IActionResult> OnPostCardAsync([TenantId(TenantRecord.Purchase)] long id, CancellationToken ct) => OpenAsync(id, PaymentRequestKind.Card, ct);

    [OrganisationPage(OrganisationRoles.Buyer)]
    public Task<IActionResult> OnPostInvoiceAsync([TenantId(TenantRecord.Purchase)] long id, CancellationToken ct) => OpenAsync(id, PaymentRequestKind.Invoice, ct);

    /// <summary>Closes an open card page (to pay another way, or for an order to be cancelled).</summary>
    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostWithdrawAsync([TenantId(TenantRecord.Purchase)] long id, [TenantId(TenantRecord.PaymentRequest)] long requestId, CancellationToken ct)
    {
        var card = await db.PaymentRequests.AnyAsync(r => r.Id == requestId && r.PurchaseId == id && r.Kind == PaymentRequestKind.Card, ct);
        if (!card) return NotFound();
        if (await payments.WithdrawAsync(requestId, ct) is { } message) await outbox.SendAsync(message, ct);
        var closed = await db.PaymentRequests.AnyAsync(r => r.Id == requestId && r.Status != PaymentRequestStatus.Pending && r.Status != PaymentRequestStatus.Open, ct);
        TempData["Status"] = (closed ? t["PayOnline.Withdrawn"] : t["PayOnline.WithdrawSent"]).Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> OpenAsync(long id, PaymentRequestKind kind, CancellationToken ct)
    {
        var result = await payments.OpenAsync(id, kind, actor.UserId, ct);
        var redirect = await PaymentRedirect.AfterOpenAsync(result, id, kind, outbox, db, t, ct);
        if (redirect.Url is not null) return Redirect(redirect.Url);
        TempData["Status"] = redirect.Message;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var seat = Seat;
        var purchase = await PurchaseView.LoadAsync(db, db.Purchases.Where(p => p.OrganisationId == seat.OrganisationId), id, ct);
        if (purchase is null) return false;
        Purchase = purchase;
        IsBuyer = seat.Holds(OrganisationRoles.Buyer);
        Payments = await PurchasePayments.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        Money = await PurchaseMoney.LoadAsync(db, settings, purchase, ct);
        return true;
    }
}

/// <summary>A purchase's payment requests, and what no open request covers yet (what a new one, or a transfer, pays).</summary>
public sealed record PurchasePayments(IReadOnlyList<PurchasePayments.RequestRow> Requests, long UncoveredFen, IReadOnlyList<long> UncoveredOrderIds, DateTime NowUtc)
{
    public sealed record RequestRow(long Id, PaymentRequestKind Kind, PaymentRequestStatus Status, long AmountFen, string? Url, string? PdfUrl,
        DateTime? DueAtUtc, DateTime? ExpiresAtUtc, string? LastFailure, IReadOnlyList<string> OrderNumbers)
    {
        public bool IsOpen => Status is PaymentRequestStatus.Pending or PaymentRequestStatus.Open;
    }

    public bool IsOverdue(RequestRow r) => r.IsOpen && r.DueAtUtc is { } due && due < NowUtc;

    public static async Task<PurchasePayments> LoadAsync(StorefrontDbContext db, long purchaseId, DateTime nowUtc, CancellationToken ct)
    {
        var requests = await db.PaymentRequests.AsNoTracking().Where(r => r.PurchaseId == purchaseId).OrderByDescending(r => r.Id)
            .Select(r => new RequestRow(r.Id, r.Kind, r.Status, r.AmountFen, r.Url, r.PdfUrl, r.DueAtUtc, r.ExpiresAtUtc, r.LastFailure,
                r.Orders.OrderBy(o => o.OrderId).Select(o => o.Order.Number).ToList()))
            .ToListAsync(ct);
        var uncovered = await PaymentRequests.Uncovered(db, purchaseId).Select(o => new { o.Id, o.TotalFen }).ToListAsync(ct);
        return new PurchasePayments(requests, uncovered.Sum(o => o.TotalFen), uncovered.Select(o => o.Id).ToList(), nowUtc);
    }
}

/// <summary>Where the buyer goes once a payment request is opened: to Stripe's card page, or back with a message.</summary>
public static class PaymentRedirect
{
    public sealed record Next(string? Url, string Message);

    public static async Task<Next> AfterOpenAsync(PaymentRequests.Result result, long purchaseId, PaymentRequestKind kind, PaymentOutbox outbox,
        StorefrontDbContext db, IStringLocalizer t, CancellationToken ct)
    {
        if (result.Outcome is PaymentRequests.Outcome.Offline or PaymentRequests.Outcome.NothingDue or PaymentRequests.Outcome.Conflict)
            return new(null, t[$"PayOnline.{result.Outcome}"]);
        // Sent now, with the idempotency key of the request: a retry (this click again, or the outbox job) creates nothing new.
        await outbox.SendForPurchaseAsync(purchaseId, ct);
        var request = await db.PaymentRequests.AsNoTracking().FirstAsync(r => r.Id == result.Request!.Id, ct);
        if (kind == PaymentRequestKind.Card)
            return request.Url is not null && request.IsOpen ? new(request.Url, "") : new(null, t[request.IsOpen ? "PayOnline.CardNotReady" : "PayOnline.CardRefused"]);
        return new(null, t[request.Url is not null ? "PayOnline.InvoiceSent" : request.IsOpen ? "PayOnline.InvoiceQueued" : "PayOnline.InvoiceRefused"]);
    }
}

/// <summary>A purchase with its orders and payments, as the buyer's and the admins' pages show it.</summary>
public sealed record PurchaseView(
    long Id, string Number, int OrganisationId, string OrganisationName, string BuyerName, long TotalFen, DateTime CreatedAtUtc,
    DateOnly RequestedDeliveryDate, string? PurchaseOrderReference, bool IsTradeUnion,
    IReadOnlyList<PurchaseView.OrderRow> Orders, IReadOnlyList<PurchaseView.PaymentRow> Payments)
{
    /// <summary>An order; <paramref name="ReceivedByTransferFen"/> is what bank transfers have paid of it so far.</summary>
    public sealed record OrderRow(long Id, string Number, string SupplierName, long TotalFen, OrderStatus Status, CancellationKind? Cancellation = null,
        string? CancellationReason = null, long ReceivedByTransferFen = 0);
    public sealed record PaymentRow(long Id, PaymentMethod Method, long AmountFen, DateTime PaidAtUtc, string Reference);

    /// <summary>
    /// What is owed now: the approved orders not yet paid (the same rule as <see cref="PaymentConfirmation.DueFen"/>),
    /// less what bank transfers have paid of them.
    /// </summary>
    public long DueFen => Orders.Where(o => o.Status == OrderStatus.Approved).Sum(o => o.TotalFen - o.ReceivedByTransferFen);

    public bool AwaitsApproval => Orders.Any(o => o.Status == OrderStatus.PendingApproval);

    public static Task<PurchaseView?> LoadAsync(StorefrontDbContext db, IQueryable<Purchase> scope, long id, CancellationToken ct) =>
        scope.AsNoTracking().Where(p => p.Id == id).Select(p => new PurchaseView(
            p.Id, p.Number, p.OrganisationId, p.Organisation.Name,
            db.Users.Where(u => u.Id == p.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            p.TotalFen, p.CreatedAtUtc, p.RequestedDeliveryDate, p.PurchaseOrderReference, p.IsTradeUnion,
            p.Orders.OrderBy(o => o.Sequence).Select(o => new OrderRow(o.Id, o.Number, o.Supplier.Name, o.TotalFen, o.Status, o.Cancellation, o.CancellationReason,
                db.BankTransferShares.Where(x => x.OrderId == o.Id).Sum(x => (long?)x.AmountFen) ?? 0)).ToList(),
            p.Payments.OrderBy(x => x.Id).Select(x => new PaymentRow(x.Id, x.Method, x.AmountFen, x.PaidAtUtc, x.Reference)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
}
