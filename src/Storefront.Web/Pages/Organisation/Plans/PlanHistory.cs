using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>One term a revision changed, in words: what it was and what it became.</summary>
public sealed record PlanChangeLine(string Term, string Old, string New);

/// <summary>One revision in a plan's history: when (Asia/Shanghai), who, and what it changed from the one before.</summary>
public sealed record PlanHistoryRow(int Revision, DateTime AtUtc, string By, bool IsFirstKept, IReadOnlyList<PlanChangeLine> Changes);

/// <summary>
/// A plan's revisions read for people (<see cref="ProcurementPlanRevision"/>): its history on the organisation's page,
/// and what changed since a supplier's quote on the supplier's page. Categories and provinces by name, in the
/// page's language; money, dates and times as the plan's page shows them.
/// </summary>
public sealed class PlanHistory(StorefrontDbContext db, IStringLocalizer t)
{
    private Dictionary<int, string> categories = [];
    private Dictionary<string, string> provinces = [];

    /// <summary>Every kept revision of the plan, newest first.</summary>
    public async Task<IReadOnlyList<PlanHistoryRow>> OfAsync(long planId, CancellationToken ct)
    {
        var revisions = await db.ProcurementPlanRevisions.AsNoTracking().Where(r => r.PlanId == planId).OrderBy(r => r.Revision).ToListAsync(ct);
        await LoadNamesAsync(revisions, ct);
        return revisions.Select((r, i) => new PlanHistoryRow(r.Revision, r.ChangedAtUtc, r.ChangedByName, i == 0,
            Lines(i == 0 ? null : revisions[i - 1], r, r.ChangesFrom(i == 0 ? null : revisions[i - 1])))).Reverse().ToList();
    }

    /// <summary>
    /// The terms a supplier quotes on that changed between the plan's revision <paramref name="quoted"/> and its current
    /// one <paramref name="current"/>; null when the quoted revision was not kept (plans older than their history).
    /// </summary>
    public async Task<IReadOnlyList<PlanChangeLine>?> SinceAsync(long planId, int quoted, int current, CancellationToken ct)
    {
        var pair = await db.ProcurementPlanRevisions.AsNoTracking().Where(r => r.PlanId == planId && (r.Revision == quoted || r.Revision == current)).ToListAsync(ct);
        var (old, now) = (pair.SingleOrDefault(r => r.Revision == quoted), pair.SingleOrDefault(r => r.Revision == current));
        if (old is null || now is null) return null;
        await LoadNamesAsync(pair, ct);
        return Lines(old, now, now.ChangesFrom(old).Where(ProcurementPlanRevision.IsTermOfQuote));
    }

    private async Task LoadNamesAsync(IReadOnlyCollection<ProcurementPlanRevision> revisions, CancellationToken ct)
    {
        var categoryIds = revisions.Select(r => r.CategoryId).Distinct().ToList();
        var english = Cultures.IsEnglish;
        categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => english ? c.NameEn : c.Name, ct);
        var provinceCodes = revisions.Select(r => r.ProvinceCode).OfType<string>().Distinct().ToList();
        provinces = await db.Divisions.AsNoTracking().Where(d => provinceCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Name, ct);
    }

    private List<PlanChangeLine> Lines(ProcurementPlanRevision? old, ProcurementPlanRevision now, IEnumerable<PlanTerm> terms) =>
        old is null ? [] : terms.Select(term => new PlanChangeLine(t[$"PlanTerm.{term}"], Words(term, old), Words(term, now))).ToList();

    /// <summary>How a term of a revision reads on the plan's page.</summary>
    private string Words(PlanTerm term, ProcurementPlanRevision r) => term switch
    {
        PlanTerm.Category => categories.GetValueOrDefault(r.CategoryId, "?"),
        PlanTerm.Description => r.Description,
        PlanTerm.Spec => r.Spec.Length == 0 ? "—" : r.Spec,
        PlanTerm.QuantityPerDelivery => $"{r.QuantityPerDelivery} {r.Unit}",
        PlanTerm.Unit => r.Unit,
        PlanTerm.Schedule => PlanText.Schedule(t, r.Schedule),
        PlanTerm.StartDate => r.StartDate.ToString("yyyy-MM-dd"),
        PlanTerm.EndDate => r.EndDate.ToString("yyyy-MM-dd"),
        PlanTerm.QuotesCloseOn => r.QuotesCloseOn.ToString("yyyy-MM-dd"),
        PlanTerm.DeliveryAddress => r.DeliveryAddress,
        PlanTerm.LatestDeliveryTime => r.LatestDeliveryTime.ToString("HH:mm"),
        PlanTerm.PriceCeiling => r.PriceCeilingFen is { } c ? $"{Fen.Format(c)} / {r.Unit}" : t["Plan.NoCeiling"],
        PlanTerm.Counties => PlanText.Counties(t, r.ProvinceCode is { } p ? provinces.GetValueOrDefault(p, p) : null, r.PairedCountiesOnly),
        PlanTerm.Approval => r.Approval switch
        {
            PlanApproval.AwaitingApproval => t["Plans.AwaitingApproval"],
            PlanApproval.Rejected => t["PlanHistory.RejectedBecause", r.RejectionReason ?? ""],
            _ => t["PlanHistory.Approved"],
        },
        _ => r.Closed ? t["Plans.Closed"] : t["PlanHistory.NotClosed"],
    };
}
