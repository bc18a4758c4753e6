using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Payments;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Settlements;

/// <summary>/admin/settlements/{supplierId}: one supplier's statement, its export, and the form where admins record a payout (audited).</summary>
public class SupplierModel(Core.Payments.Settlements settlements, AuditLog audit, StorefrontDbContext db, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class SettlementInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.SettlementAmount")]
        public string? Amount { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.SettledOn")]
        public DateOnly? SettledOn { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(SupplierSettlement.ReferenceMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.BankReference")]
        public string? Reference { get; set; }

        [StringLength(SupplierSettlement.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PaymentNote")]
        public string? Note { get; set; }

        public Guid Key { get; set; }
    }

    public Core.Payments.Settlements.Statement Statement { get; private set; } = null!;
    [BindProperty] public SettlementInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int supplierId, CancellationToken ct)
    {
        if (!await LoadAsync(supplierId, ct)) return NotFound();
        Input.Key = Guid.NewGuid();
        Input.SettledOn = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);
        Input.Amount = Statement.BalanceFen > 0 ? Fen.ToYuanText(Statement.BalanceFen) : null;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(int supplierId, string? format, CancellationToken ct) =>
        await settlements.LoadAsync(supplierId, ct) is { } statement ? SettlementFile.For(statement, format, t) ?? NotFound() : NotFound();

    public async Task<IActionResult> OnPostAsync(int supplierId, CancellationToken ct)
    {
        if (!await LoadAsync(supplierId, ct)) return NotFound();
        var amount = Fen.ParseYuan(Input.Amount);
        if (Input.Amount is not null && amount is not > 0) ModelState.AddModelError("Input.Amount", t["Payment.AmountInvalid"]);
        if (!ModelState.IsValid) return Page();
        audit.Record(actor.UserId, actor.Name, "Payment.RecordSettlement", "Supplier", supplierId.ToString(CultureInfo.InvariantCulture),
            details: $"{Fen.Format(amount!.Value)} {Input.SettledOn:yyyy-MM-dd} {Input.Reference?.Trim()}");
        var result = await settlements.RecordAsync(Input.Key, supplierId, amount.Value, Input.SettledOn!.Value, Input.Reference, Input.Note, actor.UserId, ct);
        switch (result.Outcome)
        {
            case Core.Payments.Settlements.Outcome.Recorded:
            case Core.Payments.Settlements.Outcome.AlreadyRecorded:
                TempData["Status"] = t["Settlement.Recorded", Fen.Format(amount.Value)].Value;
                return RedirectToPage(new { supplierId });
            case Core.Payments.Settlements.Outcome.MoreThanOwed:
                ModelState.AddModelError("Input.Amount", t["Settlement.MoreThanOwed", Fen.Format(result.BalanceFen)]);
                break;
            default:
                ModelState.AddModelError(string.Empty, t[$"Settlement.{result.Outcome}"]);
                break;
        }
        db.ChangeTracker.Clear();
        await LoadAsync(supplierId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(int supplierId, CancellationToken ct)
    {
        var statement = await settlements.LoadAsync(supplierId, ct);
        if (statement is null) return false;
        Statement = statement;
        return true;
    }
}
