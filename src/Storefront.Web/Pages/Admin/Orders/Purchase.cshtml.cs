using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Orders;

/// <summary>
/// /admin/orders/purchases/{id}: a purchase, and the form where an admin records the bank transfer that pays it
/// (amount, date, bank reference). Recording is audited; recording the same transfer twice counts it once. Orders an
/// open Stripe card page or invoice covers are left to it (an admin voids the invoice first to take a transfer instead).
/// </summary>
public class PurchaseModel(
    StorefrontDbContext db,
    PaymentConfirmation payments,
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

        [StringLength(Payment.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PaymentNote")]
        public string? Note { get; set; }
    }

    public PurchaseView Purchase { get; private set; } = null!;
    public PurchasePayments Payments { get; private set; } = null!;
    [BindProperty] public TransferInput Transfer { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Transfer.Amount = Fen.ToYuanText(Payments.UncoveredFen);
        Transfer.PaidOn = Today;
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
            details: $"{Fen.Format(amount!.Value)} {Transfer.PaidOn:yyyy-MM-dd} {Transfer.Reference?.Trim()}");
        var result = await payments.ConfirmAsync(new PaymentConfirmation.Request(
            id, PaymentMethod.BankTransfer, amount.Value, ShanghaiTime.ToUtc(Transfer.PaidOn!.Value.ToDateTime(TimeOnly.MinValue)),
            Transfer.Reference!, actor.UserId, actor.Name, Transfer.Note, Payments.UncoveredOrderIds), ct);
        switch (result.Outcome)
        {
            case PaymentConfirmation.Outcome.Confirmed:
                TempData["Status"] = t["Payment.Recorded", Fen.Format(amount.Value), Purchase.Number].Value;
                return RedirectToPage(new { id });
            case PaymentConfirmation.Outcome.AlreadyConfirmed:
                TempData["Status"] = t["Payment.AlreadyRecorded", result.Payment?.Reference ?? ""].Value;
                return RedirectToPage(new { id });
            case PaymentConfirmation.Outcome.AmountMismatch:
                ModelState.AddModelError("Transfer.Amount", t["Payment.AmountMismatch", Fen.Format(result.DueFen)]);
                break;
            case PaymentConfirmation.Outcome.ReferenceRequired:
                ModelState.AddModelError("Transfer.Reference", t["Validation.Required", t["Field.BankReference"]]);
                break;
            case PaymentConfirmation.Outcome.NotFound:
                return NotFound();
            default:
                ModelState.AddModelError(string.Empty, t[$"Payment.{result.Outcome}"]);
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
        return true;
    }
}
