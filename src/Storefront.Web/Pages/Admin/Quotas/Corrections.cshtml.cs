using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Admin corrections of counted amounts: a new ledger entry with a reason, never an edit; each one audited.</summary>
public class CorrectionsModel(StorefrontDbContext db, QuotaCorrections corrections, AuditLog audit, CurrentActor actor, TimeProvider clock,
    IConfiguration configuration, IStringLocalizer<SharedResource> t)
    : QuotaAdminPage(clock)
{
    public sealed record Row(int Id, int OrganisationId, string Organisation, long AmountFen, DateTime CountsAtUtc, string Reason, string? RecordedBy, DateTime RecordedAtUtc);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    /// <summary>The amount is above the organisation's reserve (or the configured amount): the form asks for a confirmation.</summary>
    public bool AskConfirmation { get; private set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Correction.CreditCode"), Required(ErrorMessage = "Validation.Required")] public string? CreditCode { get; set; }
        [Display(Name = "Correction.Amount"), Required(ErrorMessage = "Validation.Required")] public string? Amount { get; set; }
        [Display(Name = "Correction.Reason"), Required(ErrorMessage = "Validation.Required"), StringLength(QuotaCorrections.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
        public string? Reason { get; set; }
        [Display(Name = "Correction.Confirm")] public bool Confirmed { get; set; }
    }

    public async Task OnGetAsync(int? organisation, CancellationToken ct)
    {
        if (organisation is { } id)
            Input.CreditCode = await db.Organisations.Where(o => o.Id == id).Select(o => o.CreditCode).SingleOrDefaultAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var code = UnifiedSocialCreditCode.Normalize(Input.CreditCode);
        var organisation = await db.Organisations.Where(o => o.CreditCode == code).Select(o => new { o.Id, o.Name }).SingleOrDefaultAsync(ct);
        if (Input.CreditCode is not null && organisation is null) ModelState.AddModelError("Input.CreditCode", t["Correction.UnknownOrganisation"]);
        var amount = Fen.ParseYuan(Input.Amount);
        QuotaCorrections.Bounds? bounds = null;
        if (Input.Amount is not null && amount is null) ModelState.AddModelError("Input.Amount", t["Correction.BadAmount"]);
        if (ModelState.IsValid)
        {
            bounds = await BoundsAsync(organisation!.Id, ct);
            foreach (var problem in corrections.Validate(SelectedYear, amount!.Value, Input.Reason, bounds, Input.Confirmed))
            {
                var field = problem switch
                {
                    QuotaCorrections.Problem.AmountZero or QuotaCorrections.Problem.AmountBeyondMaximum or QuotaCorrections.Problem.NeedsConfirmation => "Input.Amount",
                    QuotaCorrections.Problem.ReasonRequired => "Input.Reason",
                    _ => "",
                };
                ModelState.AddModelError(field, t[$"Correction.Problem.{problem}", Fen.Format(bounds.MaxFen), Fen.Format(bounds.ConfirmAboveFen)]);
                AskConfirmation |= problem == QuotaCorrections.Problem.NeedsConfirmation;
            }
        }
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }

        var correction = await corrections.RecordAsync(organisation!.Id, SelectedYear, amount!.Value, Input.Reason!, actor.UserId, ct, bounds, Input.Confirmed);
        audit.Record(actor.UserId, actor.Name, "Quota.Correction", "Organisation", organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            reason: correction.Reason, details: $"{organisation.Name} {SelectedYear}: {amount} fen ({correction.SourceKey})");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Correction.Recorded", organisation.Name, Fen.Format(amount.Value)].Value;
        return RedirectToPage(new { year = SelectedYear });
    }

    /// <summary>The organisation's approved reserve for the year, if it has one, and the configured amounts.</summary>
    private async Task<QuotaCorrections.Bounds> BoundsAsync(int organisationId, CancellationToken ct)
    {
        var reserve = await db.CanteenFilings.Where(f => f.OrganisationId == organisationId && f.Year == SelectedYear && f.Status == FilingStatus.Approved)
            .Select(f => f.ReservedFen).FirstOrDefaultAsync(ct);
        var confirmAbove = configuration.GetValue<long?>("Quotas:CorrectionConfirmAboveFen") ?? QuotaCorrections.DefaultConfirmAboveFen;
        var max = configuration.GetValue<long?>("Quotas:CorrectionMaxFen") ?? QuotaCorrections.DefaultMaxFen;
        return QuotaCorrections.Bounds.For(reserve, confirmAbove, max);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (start, end) = ShanghaiTime.YearBounds(SelectedYear);
        Rows = await db.QuotaCorrections.AsNoTracking().Where(c => c.CountsAtUtc >= start && c.CountsAtUtc < end)
            .OrderByDescending(c => c.RecordedAtUtc)
            .Select(c => new Row(c.Id, c.OrganisationId, c.Organisation.Name, c.AmountFen, c.CountsAtUtc, c.Reason,
                db.Users.Where(u => u.Id == c.RecordedByUserId).Select(u => u.Email).FirstOrDefault(), c.RecordedAtUtc))
            .ToListAsync(ct);
    }
}
