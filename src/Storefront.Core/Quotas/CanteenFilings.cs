using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;

namespace Storefront.Core.Quotas;

/// <summary>
/// Canteen filings: what an org admin may file, the preview of the quota it gives, the deadline, and the admins'
/// review. Changes are tracked, not saved: the caller saves them with its audit entry.
/// </summary>
public sealed class CanteenFilings(StorefrontDbContext db, QuotaRules rules, TimeProvider clock)
{
    public const int ReturnReasonMaxLength = 500;

    public sealed record Input(FilingKind Kind, long? BaseFen, int? SharedWithOrganisationId, int? PledgedRatioBasisPoints);

    public enum Problem
    {
        BaseRequired, BaseOutOfRange, HostRequired, HostIsSelf, HostUnknown, HostSharesToo, HostedByOthers,
        PledgeBelowRule, PledgeOutOfRange, DeadlinePassed, AlreadyApproved, YearOutOfRange,
    }

    /// <summary>A problem and the input field it belongs beside.</summary>
    public sealed record FieldProblem(string Field, Problem Problem);

    /// <summary>The quota a filing gives: the rule that applies, the ratio (rule or pledge) and base × ratio.</summary>
    public sealed record Preview(QuotaRules.Applied Rule, int AppliedRatioBasisPoints, long ReservedFen, long? LastYearReservedFen);

    public Task<CanteenFiling?> FindAsync(int organisationId, int year, CancellationToken ct = default) =>
        db.CanteenFilings.SingleOrDefaultAsync(f => f.OrganisationId == organisationId && f.Year == year, ct);

    public async Task<DateOnly?> DeadlineAsync(int year, CancellationToken ct = default) =>
        await db.QuotaYears.Where(y => y.Year == year).Select(y => y.FilingDeadline).SingleOrDefaultAsync(ct);

    /// <summary>Filing is open until the end of the deadline day in Shanghai.</summary>
    public async Task<bool> IsOpenAsync(int year, CancellationToken ct = default) =>
        await DeadlineAsync(year, ct) is not { } deadline || ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime) <= deadline;

    /// <summary>The input's own rules, and those that depend on other filings of the year; the deadline is the caller's.</summary>
    public async Task<List<FieldProblem>> ValidateAsync(int organisationId, int year, Input input, CancellationToken ct = default)
    {
        var problems = new List<FieldProblem>();
        var thisYear = rules.ShanghaiYearNow();
        if (year < QuotaRules.FirstYear || year > thisYear + 1) problems.Add(new("Year", Problem.YearOutOfRange));
        switch (input.Kind)
        {
            case FilingKind.Canteen:
                if (input.BaseFen is null) problems.Add(new("Base", Problem.BaseRequired));
                else if (input.BaseFen <= 0 || input.BaseFen > ReservedQuota.MaxBaseFen) problems.Add(new("Base", Problem.BaseOutOfRange));
                if (input.PledgedRatioBasisPoints is { } pledge)
                {
                    if (pledge is < 1 or > ReservedQuota.FullRatio) problems.Add(new("Pledge", Problem.PledgeOutOfRange));
                    else if (pledge < (await rules.ForOrganisationAsync(organisationId, year, ct)).RatioBasisPoints)
                        problems.Add(new("Pledge", Problem.PledgeBelowRule));
                }
                break;
            case FilingKind.SharesCanteen:
                if (input.SharedWithOrganisationId is not { } hostId) { problems.Add(new("Host", Problem.HostRequired)); break; }
                if (hostId == organisationId) { problems.Add(new("Host", Problem.HostIsSelf)); break; }
                if (!await db.Organisations.AnyAsync(o => o.Id == hostId, ct)) { problems.Add(new("Host", Problem.HostUnknown)); break; }
                // One level only: the host must run its own canteen, and nobody may share this organisation's.
                if (await db.CanteenFilings.AnyAsync(f => f.OrganisationId == hostId && f.Year == year && f.Kind == FilingKind.SharesCanteen, ct))
                    problems.Add(new("Host", Problem.HostSharesToo));
                break;
        }
        if (input.Kind != FilingKind.Canteen
            && await db.CanteenFilings.AnyAsync(f => f.Year == year && f.SharedWithOrganisationId == organisationId && f.OrganisationId != organisationId && f.Status != FilingStatus.Returned, ct))
            problems.Add(new("Kind", Problem.HostedByOthers));
        return problems;
    }

    /// <summary>What the filing would reserve if it were approved now.</summary>
    public async Task<Preview> PreviewAsync(int organisationId, int year, Input input, CancellationToken ct = default) =>
        (await PreviewManyAsync(year, [(organisationId, input)], ct))[organisationId];

    /// <summary>Previews of many filings of a year in three queries (rules, places, last year's quotas), for the review list.</summary>
    public async Task<IReadOnlyDictionary<int, Preview>> PreviewManyAsync(int year, IReadOnlyCollection<(int OrganisationId, Input Input)> filings, CancellationToken ct = default)
    {
        var ids = filings.Select(f => f.OrganisationId).Distinct().ToList();
        var rulesOfYear = await rules.RulesOfYearAsync(year, ct);
        var places = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id))
            .Select(o => new { o.Id, o.RegionCode, o.Region.PrefectureCode, o.Region.ProvinceCode })
            .ToDictionaryAsync(o => o.Id, o => new QuotaRules.Place(o.RegionCode, o.PrefectureCode, o.ProvinceCode), ct);
        var lastYear = await db.CanteenFilings.AsNoTracking()
            .Where(f => ids.Contains(f.OrganisationId) && f.Year == year - 1 && f.Status == FilingStatus.Approved)
            .ToDictionaryAsync(f => f.OrganisationId, f => f.ReservedFen, ct);
        var previews = new Dictionary<int, Preview>();
        foreach (var (organisationId, input) in filings)
        {
            if (!places.TryGetValue(organisationId, out var place)) throw new InvalidOperationException($"Organisation {organisationId} does not exist.");
            var rule = QuotaRules.Resolve(rulesOfYear, place);
            var last = lastYear.GetValueOrDefault(organisationId);
            previews[organisationId] = input.Kind != FilingKind.Canteen || input.BaseFen is not { } baseFen
                ? new Preview(rule, rule.RatioBasisPoints, 0, last)
                : PreviewOf(rule, baseFen, input.PledgedRatioBasisPoints, last);
        }
        return previews;
    }

    private static Preview PreviewOf(QuotaRules.Applied rule, long baseFen, int? pledge, long? lastYear)
    {
        var ratio = Math.Max(rule.RatioBasisPoints, pledge ?? 0);
        return new Preview(rule, ratio, ReservedQuota.Compute(baseFen, ratio, rule.NotBelowLastYear, lastYear), lastYear);
    }

    /// <summary>
    /// An org admin files or re-files: allowed while filing is open, or after the deadline for a filing an admin
    /// returned. An approved filing is settled; only an admin can reopen it by returning it.
    /// </summary>
    public async Task<(CanteenFiling? Filing, List<FieldProblem> Problems)> SubmitAsync(int organisationId, int year, Input input, string? userId, CancellationToken ct = default)
    {
        var existing = await FindAsync(organisationId, year, ct);
        if (existing?.Status == FilingStatus.Approved) return (null, [new("Kind", Problem.AlreadyApproved)]);
        if (existing?.Status != FilingStatus.Returned && !await IsOpenAsync(year, ct)) return (null, [new("Kind", Problem.DeadlinePassed)]);
        var problems = await ValidateAsync(organisationId, year, input, ct);
        if (problems.Count > 0) return (null, problems);
        var filing = existing ?? db.CanteenFilings.Add(new CanteenFiling { OrganisationId = organisationId, Year = year }).Entity;
        Apply(filing, input);
        filing.Status = FilingStatus.Submitted;
        filing.ReturnReason = null;
        filing.AppliedRatioBasisPoints = null;
        filing.ReservedFen = null;
        filing.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime;
        filing.SubmittedByUserId = userId;
        filing.ReviewedAtUtc = null;
        filing.ReviewedByUserId = null;
        filing.Version++;
        return (filing, []);
    }

    /// <summary>Approves: the ratio that applies today and the reserved quota are fixed on the filing.</summary>
    public async Task ApproveAsync(CanteenFiling filing, string? adminUserId, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(filing.OrganisationId, filing.Year, InputOf(filing), ct);
        filing.Status = FilingStatus.Approved;
        filing.ReturnReason = null;
        filing.AppliedRatioBasisPoints = filing.Kind == FilingKind.Canteen ? preview.AppliedRatioBasisPoints : null;
        filing.ReservedFen = filing.Kind == FilingKind.Canteen ? preview.ReservedFen : 0;
        filing.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        filing.ReviewedByUserId = adminUserId;
        filing.Version++;
    }

    public void Return(CanteenFiling filing, string reason, string? adminUserId)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A returned filing needs a reason.", nameof(reason));
        filing.Status = FilingStatus.Returned;
        filing.ReturnReason = reason.Trim();
        filing.AppliedRatioBasisPoints = null;
        filing.ReservedFen = null;
        filing.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        filing.ReviewedByUserId = adminUserId;
        filing.Version++;
    }

    /// <summary>An admin's import: the row's filing is created or replaced and approved at once.</summary>
    public async Task<CanteenFiling> ImportAsync(int organisationId, int year, Input input, string? adminUserId, CancellationToken ct = default)
    {
        var filing = await FindAsync(organisationId, year, ct) ?? db.CanteenFilings.Add(new CanteenFiling { OrganisationId = organisationId, Year = year }).Entity;
        Apply(filing, input);
        filing.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime;
        filing.SubmittedByUserId = adminUserId;
        await ApproveAsync(filing, adminUserId, ct);
        return filing;
    }

    public static Input InputOf(CanteenFiling filing) => new(filing.Kind, filing.BaseFen, filing.SharedWithOrganisationId, filing.PledgedRatioBasisPoints);

    private static void Apply(CanteenFiling filing, Input input)
    {
        filing.Kind = input.Kind;
        filing.BaseFen = input.Kind == FilingKind.Canteen ? input.BaseFen : null;
        filing.PledgedRatioBasisPoints = input.Kind == FilingKind.Canteen ? input.PledgedRatioBasisPoints : null;
        filing.SharedWithOrganisationId = input.Kind == FilingKind.SharesCanteen ? input.SharedWithOrganisationId : null;
    }
}
