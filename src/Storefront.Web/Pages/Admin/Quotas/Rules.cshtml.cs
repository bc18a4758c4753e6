using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>The jurisdiction rules of a year: the national floor and the province, prefecture and county ratios. Every change is audited.</summary>
public class RulesModel(StorefrontDbContext db, QuotaRules rules, AuditLog audit, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : QuotaAdminPage(clock)
{
    public sealed record Row(int Id, RuleLevel Level, string RegionCode, string RegionName, int RatioBasisPoints, bool NotBelowLastYear, string? Note, DateTime UpdatedAtUtc);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool HasNationalRule => Rows.Any(r => r.Level == RuleLevel.National);

    [BindProperty] public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Display(Name = "Rule.Level")] public RuleLevel Level { get; set; } = RuleLevel.Province;
        [Display(Name = "Rule.RegionCode"), StringLength(6, ErrorMessage = "Validation.TooLong")] public string? RegionCode { get; set; }
        [Display(Name = "Rule.Ratio"), Required(ErrorMessage = "Validation.Required")] public string? Ratio { get; set; }
        [Display(Name = "Rule.NotBelowLastYear")] public bool NotBelowLastYear { get; set; }
        [Display(Name = "Rule.Note"), StringLength(500, ErrorMessage = "Validation.TooLong")] public string? Note { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSetAsync(CancellationToken ct)
    {
        var code = Input.Level == RuleLevel.National ? QuotaRule.NationalCode : Input.RegionCode?.Trim() ?? "";
        var ratio = ReservedQuota.ParseRatio(Input.Ratio);
        if (Input.Ratio is not null && ratio is null) ModelState.AddModelError("Input.Ratio", t["Rule.Problem.RatioOutOfRange"]);
        if (Input.Level != RuleLevel.National && !Core.Regions.AdministrativeDivision.IsWellFormedCode(code))
            ModelState.AddModelError("Input.RegionCode", t["Rule.Problem.RegionMalformed"]);
        if (ModelState.IsValid)
        {
            foreach (var problem in await rules.ValidateAsync(SelectedYear, Input.Level, code, ratio!.Value, ct))
            {
                var field = problem.Problem switch
                {
                    QuotaRules.Problem.RegionUnknown or QuotaRules.Problem.LevelMismatch => "Input.RegionCode",
                    QuotaRules.Problem.YearOutOfRange => "",
                    _ => "Input.Ratio",
                };
                ModelState.AddModelError(field, t[$"Rule.Problem.{problem.Problem}", problem.OtherRegionCode ?? "", problem.OtherRatioBasisPoints is { } bp ? ReservedQuota.FormatRatio(bp) : ""]);
            }
        }
        if (!ModelState.IsValid) { await LoadAsync(ct); return Page(); }

        var before = await db.QuotaRules.AsNoTracking().Where(r => r.Year == SelectedYear && r.RegionCode == code).Select(r => (int?)r.RatioBasisPoints).SingleOrDefaultAsync(ct);
        await rules.SetAsync(SelectedYear, Input.Level, code, ratio!.Value, Input.NotBelowLastYear, Input.Note, actor.UserId, ct);
        audit.Record(actor.UserId, actor.Name, "Quota.Rule.Set", "QuotaRule", $"{SelectedYear}:{code}",
            details: $"{Input.Level} {code}: {(before is { } b ? b.ToString(CultureInfo.InvariantCulture) + " bp → " : "")}{ratio} bp, not below last year: {Input.NotBelowLastYear}");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Rule.Saved", code, ReservedQuota.FormatRatio(ratio.Value)].Value;
        return RedirectToPage(new { year = SelectedYear });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        var rule = await db.QuotaRules.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (rule is null) return NotFound();
        db.QuotaRules.Remove(rule);
        audit.Record(actor.UserId, actor.Name, "Quota.Rule.Remove", "QuotaRule", $"{rule.Year}:{rule.RegionCode}", details: $"{rule.Level} {rule.RatioBasisPoints} bp");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["Rule.Removed", rule.RegionCode].Value;
        return RedirectToPage(new { year = rule.Year });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await db.QuotaRules.AsNoTracking().Where(r => r.Year == SelectedYear)
            .Select(r => new Row(r.Id, r.Level, r.RegionCode,
                db.Divisions.Where(d => d.Code == r.RegionCode).Select(d => d.ProvinceName + " " + (d.Level == Core.Regions.DivisionLevel.Province ? "" : d.Name)).FirstOrDefault() ?? "",
                r.RatioBasisPoints, r.NotBelowLastYear, r.Note, r.UpdatedAtUtc))
            .ToListAsync(ct);
        Rows = rows.OrderBy(r => r.Level).ThenBy(r => r.RegionCode).ToList();
    }
}
