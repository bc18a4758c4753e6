using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Settings;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Orders;

/// <summary>
/// /admin/orders/purchases/{id}: a purchase, and the form where an admin records each bank transfer that pays it
/// (amount, date, payer, bank reference, and optionally the orders it pays), as many as the organisation makes. A
/// transfer is shared among the orders by <see cref="TransferAllocation"/>; what no order takes is shown as surplus.
/// Recording is audited; the same transfer recorded twice counts once. Orders an open Stripe card page or invoice
/// covers are left to it (an admin voids the invoice first to take a transfer instead).
/// </summary>
public class PurchaseModel(
    StorefrontDbContext db,
    BankTransfers transfers,
    PlatformSettings settings,
    PaymentRequests requests,
    PaymentOutbox outbox,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class TransferInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.TransferAmount")]
        public string? Amount { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.TransferDate")]
        public DateOnly? PaidOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Payment.ReferenceMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.BankReference")]
        public string? Reference { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(BankTransfer.PayerMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Payer")]
        public string? Payer { get; set; }

        [StringLength(Payment.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PaymentNote")]
        public string? Note { get; set; }

        /// <summary>The orders the transfer pays, when the payer said so; none ticked: every order that owes, oldest first.</summary>
        public List<long> OrderIds { get; set; } = [];
    }

    public PurchaseView Purchase { get; private set; } = null!;
    public PurchasePayments Payments { get; private set; } = null!;
    public PurchaseMoney Money { get; private set; } = null!;
    /// <summary>The orders a transfer may pay now, with what each still owes.</summary>
    public IReadOnlyList<TransferAllocation.Owing> Owing { get; private set; } = [];
    public long OwingFen => Owing.Sum(o => o.OwedFen);
    [BindProperty] public TransferInput Transfer { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Transfer.Amount = Fen.ToYuanText(OwingFen);
        Transfer.PaidOn = Today;
        // Most transfers come from the organisation's own account.
        Transfer.Payer = Purchase.OrganisationName;
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var amount = Fen.ParseYuan(Transfer.Amount);
        if (Transfer.Amount is not null && amount is not > 0) ModelState.AddModelError("Transfer.Amount", t["Payment.AmountInvalid"]);
        if (Transfer.PaidOn is { } day && (day > Today || day < ShanghaiTime.DateOf(Purchase.CreatedAtUtc)))
            ModelState.AddModelError("Transfer.PaidOn", t["Payment.DateOutOfRange", ShanghaiTime.DateOf(Purchase.CreatedAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        if (!ModelState.IsValid) return Page();

        audit.Record(actor.UserId, actor.Name, "Payment.RecordBankTransfer", "Purchase", id.ToString(CultureInfo.InvariantCulture),
            details: $"{Fen.Format(amount!.Value)} {Transfer.PaidOn:yyyy-MM-dd} {Transfer.Payer?.Trim()} {Transfer.Reference?.Trim()}");
        var result = await transfers.RecordAsync(new BankTransfers.Request(
            id, amount.Value, ShanghaiTime.ToUtc(Transfer.PaidOn!.Value.ToDateTime(TimeOnly.MinValue)), Transfer.Payer!, Transfer.Reference!,
            actor.UserId, actor.Name, Transfer.Note, Transfer.OrderIds), ct);
        switch (result.Outcome)
        {
            case BankTransfers.Outcome.Recorded:
                var plan = result.Plan!;
                var paid = plan.CompletedOrderIds.ToHashSet();
                var status = t["Transfer.Recorded", Fen.Format(amount.Value), Purchase.Number].Value;
                if (paid.Count > 0) status += " " + t["Transfer.OrdersPaid", string.Join("、", Purchase.Orders.Where(o => paid.Contains(o.Id)).Select(o => o.Number))].Value;
                if (plan.SurplusFen > 0) status += " " + t["Transfer.Surplus", Fen.Format(plan.SurplusFen)].Value;
                TempData["Status"] = status;
                return RedirectToPage(new { id });
            case BankTransfers.Outcome.AlreadyRecorded:
                TempData["Status"] = t["Payment.AlreadyRecorded", Transfer.Reference!.Trim()].Value;
                return RedirectToPage(new { id });
            case BankTransfers.Outcome.ReferenceTaken:
                ModelState.AddModelError("Transfer.Reference", t["Transfer.ReferenceTaken", result.Transfer!.Reference, result.OtherPurchaseNumber ?? "", Fen.Format(result.Transfer.AmountFen)]);
                break;
            case BankTransfers.Outcome.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError(string.Empty, t[$"Transfer.{result.Outcome}"]);
                break;
        }
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>Voids an open Stripe invoice (through the outbox), so that its orders may be paid otherwise or cancelled.</summary>
    public async Task<IActionResult> OnPostVoidAsync(long id, long requestId, CancellationToken ct)
    {
        var request = await db.PaymentRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.PurchaseId == id, ct);
        if (request is null) return NotFound();
        audit.Record(actor.UserId, actor.Name, "Payment.WithdrawRequest", "PaymentRequest", requestId.ToString(CultureInfo.InvariantCulture), details: request.GatewayId);
        await db.SaveChangesAsync(ct);
        if (await requests.WithdrawAsync(requestId, ct) is { } message) await outbox.SendAsync(message, ct);
        TempData["Status"] = t["PayOnline.WithdrawSent"].Value;
        return RedirectToPage(new { id });
    }

    private DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var purchase = await PurchaseView.LoadAsync(db, db.Purchases, id, ct);
        if (purchase is null) return false;
        Purchase = purchase;
        Payments = await PurchasePayments.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        Money = await PurchaseMoney.LoadAsync(db, settings, purchase, ct);
        Owing = await transfers.OwingAsync(id, ct);
        return true;
    }
}
