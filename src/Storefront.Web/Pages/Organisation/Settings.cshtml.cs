using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>
/// /organisation/settings: the org admin sets the approval threshold (orders at or above it wait for an approver),
/// the payment term, how many days ahead standing orders are made, and the invoice contact, and keeps the canteens' delivery addresses and which one is the default.
/// </summary>
[Authorize]
public class SettingsModel(StorefrontDbContext db, AuditLog audit, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrgAdminPageModel(actor)
{
    public sealed class SettingsInput
    {
        /// <summary>Yuan as typed; empty means no order needs approval.</summary>
        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.ApprovalThreshold")]
        public string? Threshold { get; set; }

        [Range(0, Core.Organisations.Organisation.MaxPaymentTermDays, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.PaymentTermDays")]
        public int PaymentTermDays { get; set; }

        [Range(1, Core.Organisations.Organisation.MaxStandingOrderLeadDays, ErrorMessage = "Validation.Range")]
        [Display(Name = "Field.StandingOrderLeadDays")]
        public int StandingOrderLeadDays { get; set; } = Core.Organisations.Organisation.DefaultStandingOrderLeadDays;

        [StringLength(Core.Organisations.Organisation.ContactNameMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.InvoiceContactName")]
        public string? InvoiceContactName { get; set; }

        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(Core.Organisations.Organisation.EmailMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.InvoiceContactEmail")]
        public string? InvoiceContactEmail { get; set; }
    }

    public sealed record AddressRow(int Id, string Label, string Address, string Recipient, string Phone, bool IsDefault);

    public IReadOnlyList<AddressRow> Addresses { get; private set; } = [];
    // Named, so that the form without these fields does not bind (and validate) them from its own fields' names.
    [BindProperty(Name = "Input")] public SettingsInput Input { get; set; } = new();
    [BindProperty(Name = "Canteen")] public CanteenInput Canteen { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadSettingsAsync(ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Ignore(nameof(Canteen));
        long? threshold = null;
        if (!string.IsNullOrWhiteSpace(Input.Threshold))
        {
            threshold = Fen.ParseYuan(Input.Threshold);
            if (threshold is not >= 0) ModelState.AddModelError("Input.Threshold", t["Settings.ThresholdInvalid"]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var organisation = await db.Organisations.SingleAsync(o => o.Id == Seat.OrganisationId, ct);
        organisation.ApprovalThresholdFen = threshold;
        organisation.PaymentTermDays = Input.PaymentTermDays;
        organisation.StandingOrderLeadDays = Input.StandingOrderLeadDays;
        organisation.InvoiceContactName = Input.InvoiceContactName.TrimmedOrNull();
        organisation.InvoiceContactEmail = Input.InvoiceContactEmail.TrimmedOrNull();
        audit.Record(Actor.UserId, Actor.Name, "Organisation.Settings", OrganisationVerification.SubjectType, Subject,
            details: $"threshold {(threshold is { } f ? Fen.Format(f) : "none")}, term {Input.PaymentTermDays}, standing orders {Input.StandingOrderLeadDays} days ahead");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Settings.Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddAddressAsync(CancellationToken ct)
    {
        Ignore(nameof(Input));
        if (!ModelState.IsValid)
        {
            await ReloadSettingsAsync(ct);
            await LoadAsync(ct);
            return Page();
        }
        var organisation = await db.Organisations.Include(o => o.DeliveryAddresses).SingleAsync(o => o.Id == Seat.OrganisationId, ct);
        organisation.DeliveryAddresses.Add(new DeliveryAddress
        {
            Label = Canteen.Label.Trim(), Address = Canteen.Address.Trim(), Recipient = Canteen.Recipient.Trim(), Phone = Canteen.Phone.Trim(),
            IsDefault = organisation.DeliveryAddresses.Count == 0,
        });
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Settings.AddressAdded", Canteen.Label.Trim()].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDefaultAsync([TenantId(TenantRecord.DeliveryAddress)] int id, CancellationToken ct)
    {
        var addresses = await db.DeliveryAddresses.Where(a => a.OrganisationId == Seat.OrganisationId).ToListAsync(ct);
        if (addresses.All(a => a.Id != id)) return NotFound();
        foreach (var a in addresses) a.IsDefault = a.Id == id;
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Settings.DefaultSet"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAddressAsync([TenantId(TenantRecord.DeliveryAddress)] int id, CancellationToken ct)
    {
        var addresses = await db.DeliveryAddresses.Where(a => a.OrganisationId == Seat.OrganisationId).ToListAsync(ct);
        var address = addresses.FirstOrDefault(a => a.Id == id);
        if (address is null) return NotFound();
        // Orders keep a copy of their address, so removing one changes no order; the last one stays, or nobody could order.
        if (addresses.Count == 1)
        {
            TempData["Status"] = t["Settings.LastAddress"].Value;
            return RedirectToPage();
        }
        db.DeliveryAddresses.Remove(address);
        if (address.IsDefault) addresses.First(a => a.Id != id).IsDefault = true;
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Settings.AddressRemoved", address.Label].Value;
        return RedirectToPage();
    }

    /// <summary>The page has two forms: each validates only its own fields.</summary>
    private void Ignore(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k == prefix || k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);
    }

    private static string? Blank(string? text) => text.TrimmedOrNull();

    private async Task ReloadSettingsAsync(CancellationToken ct)
    {
        var o = await db.Organisations.AsNoTracking().SingleAsync(x => x.Id == Seat.OrganisationId, ct);
        Input = new SettingsInput
        {
            Threshold = o.ApprovalThresholdFen is { } fen ? Fen.ToYuanText(fen) : null,
            PaymentTermDays = o.PaymentTermDays,
            StandingOrderLeadDays = o.StandingOrderLeadDays,
            InvoiceContactName = o.InvoiceContactName,
            InvoiceContactEmail = o.InvoiceContactEmail,
        };
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Addresses = await db.DeliveryAddresses.AsNoTracking()
            .Where(a => a.OrganisationId == Seat.OrganisationId)
            .OrderBy(a => a.Id)
            .Select(a => new AddressRow(a.Id, a.Label, a.Address, a.Recipient, a.Phone, a.IsDefault))
            .ToListAsync(ct);
}
