using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Filing;

/// <summary>
/// 食堂食材采购备案: the org admin declares the canteen's annual food procurement (or no canteen, or a shared one),
/// sees the rule and the quota it gives, and submits it for review before the deadline.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.OrgAdmin)]
public class IndexModel(
    StorefrontDbContext db,
    CanteenFilings filings,
    QuotaRules rules,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Filing.Kind")] public FilingKind Kind { get; set; } = FilingKind.Canteen;
        [Display(Name = "Filing.Base")] public string? Base { get; set; }
        [Display(Name = "Filing.HostCode"), StringLength(18, ErrorMessage = "Validation.TooLong")] public string? HostCreditCode { get; set; }
        [Display(Name = "Filing.Pledge")] public string? Pledge { get; set; }
    }

    public int OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public int SelectedYear { get; private set; }
    public int CurrentYear => ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);
    public CanteenFiling? Existing { get; private set; }
    public string? ExistingHostName { get; private set; }
    public QuotaRules.Applied Rule { get; private set; } = null!;
    public DateOnly? Deadline { get; private set; }
    public bool IsOpen { get; private set; }
    public bool CanSubmit => Existing?.Status != FilingStatus.Approved && (IsOpen || Existing?.Status == FilingStatus.Returned);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        if (Existing is not null)
        {
            Input.Kind = Existing.Kind;
            Input.Base = Existing.BaseFen is { } b ? Fen.ToYuanText(b) : null;
            Input.Pledge = Existing.PledgedRatioBasisPoints is { } p ? (p / 100m).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            Input.HostCreditCode = Existing.SharedWithOrganisationId is { } h ? await db.Organisations.Where(o => o.Id == h).Select(o => o.CreditCode).SingleAsync(ct) : null;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Forbid();
        long? baseFen = null;
        int? pledge = null, hostId = null;
        if (Input.Kind == FilingKind.Canteen)
        {
            baseFen = Fen.ParseYuan(Input.Base);
            if (!string.IsNullOrWhiteSpace(Input.Base) && baseFen is null) ModelState.AddModelError("Input.Base", t["Filing.Problem.BaseNotAmount"]);
            pledge = ReservedQuota.ParseRatio(Input.Pledge);
            if (!string.IsNullOrWhiteSpace(Input.Pledge) && pledge is null) ModelState.AddModelError("Input.Pledge", t["Filing.Problem.PledgeOutOfRange"]);
        }
        else if (Input.Kind == FilingKind.SharesCanteen && !string.IsNullOrWhiteSpace(Input.HostCreditCode))
        {
            var code = UnifiedSocialCreditCode.Normalize(Input.HostCreditCode);
            hostId = await db.Organisations.Where(o => o.CreditCode == code).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
            if (hostId is null) ModelState.AddModelError("Input.HostCreditCode", t["Filing.Problem.HostUnknown"]);
        }
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", t["Validation.Required"]);
        if (!ModelState.IsValid) return Page();

        var (filing, problems) = await filings.SubmitAsync(OrganisationId, SelectedYear, new CanteenFilings.Input(Input.Kind, baseFen, hostId, pledge), actor.UserId, ct);
        foreach (var problem in problems)
        {
            var field = problem.Field switch { "Base" => "Input.Base", "Host" => "Input.HostCreditCode", "Pledge" => "Input.Pledge", "Kind" => "Input.Kind", _ => "" };
            ModelState.AddModelError(field, t[$"Filing.Problem.{problem.Problem}", ReservedQuota.FormatRatio(Rule.RatioBasisPoints)]);
        }
        if (filing is null) return Page();
        audit.Record(actor.UserId, actor.Name, "Quota.Filing.Submit", "CanteenFiling", $"{OrganisationId}:{SelectedYear}",
            details: $"{OrganisationName}: {Input.Kind}, base {baseFen}, pledge {pledge}, host {hostId}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another person of the organisation filed at the same moment: show theirs.
            ModelState.AddModelError("", t["Filing.Stale"]);
            db.ChangeTracker.Clear();
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = t["Filing.Submitted", SelectedYear].Value;
        return RedirectToPage(new { year = SelectedYear, organisation = OrganisationId });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var seat = Seat;
        OrganisationId = seat.OrganisationId;
        OrganisationName = seat.OrganisationName;
        SelectedYear = Year == CurrentYear + 1 ? CurrentYear + 1 : CurrentYear;
        Existing = await filings.FindAsync(OrganisationId, SelectedYear, ct);
        if (Existing?.SharedWithOrganisationId is { } host)
            ExistingHostName = await db.Organisations.Where(o => o.Id == host).Select(o => o.Name).SingleAsync(ct);
        Rule = await rules.ForOrganisationAsync(OrganisationId, SelectedYear, ct);
        Deadline = await filings.DeadlineAsync(SelectedYear, ct);
        IsOpen = await filings.IsOpenAsync(SelectedYear, ct);
        return true;
    }
}
