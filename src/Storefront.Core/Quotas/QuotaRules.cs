using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Regions;

namespace Storefront.Core.Quotas;

/// <summary>
/// Which ratio applies to an organisation in a year: the rule of its county, else of its prefecture, else of its
/// province, else the national floor (10% unless a national rule for the year says otherwise).
/// </summary>
public sealed class QuotaRules(StorefrontDbContext db, TimeProvider clock)
{
    public sealed record Applied(int RatioBasisPoints, RuleLevel Level, string RegionCode, bool NotBelowLastYear);

    /// <summary>Where an organisation sits: its county and the prefecture (if any) and province above it.</summary>
    public sealed record Place(string CountyCode, string? PrefectureCode, string ProvinceCode);

    public enum Problem { RatioOutOfRange, RegionUnknown, LevelMismatch, BelowEnclosingRule, AboveEnclosedRule, YearOutOfRange }

    public sealed record RuleProblem(Problem Problem, string? OtherRegionCode = null, int? OtherRatioBasisPoints = null);

    public const int FirstYear = 2021;

    /// <summary>The most specific of the year's rules for the place; the national default when there is none.</summary>
    public static Applied Resolve(IEnumerable<QuotaRule> rulesOfYear, Place place)
    {
        QuotaRule? best = null;
        foreach (var rule in rulesOfYear)
        {
            var matches = rule.Level switch
            {
                RuleLevel.County => rule.RegionCode == place.CountyCode,
                RuleLevel.Prefecture => rule.RegionCode == place.PrefectureCode,
                RuleLevel.Province => rule.RegionCode == place.ProvinceCode,
                _ => rule.RegionCode == QuotaRule.NationalCode,
            };
            if (matches && (best is null || rule.Level > best.Level)) best = rule;
        }
        return best is null
            ? new Applied(QuotaRule.DefaultNationalRatioBasisPoints, RuleLevel.National, QuotaRule.NationalCode, false)
            : new Applied(best.RatioBasisPoints, best.Level, best.RegionCode, best.NotBelowLastYear);
    }

    public async Task<Place?> PlaceOfAsync(int organisationId, CancellationToken ct = default) =>
        await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new Place(o.RegionCode, o.Region.PrefectureCode, o.Region.ProvinceCode))
            .SingleOrDefaultAsync(ct);

    public async Task<Applied> ForOrganisationAsync(int organisationId, int year, CancellationToken ct = default)
    {
        var place = await PlaceOfAsync(organisationId, ct) ?? throw new InvalidOperationException($"Organisation {organisationId} does not exist.");
        return Resolve(await RulesOfYearAsync(year, ct), place);
    }

    public Task<List<QuotaRule>> RulesOfYearAsync(int year, CancellationToken ct = default) =>
        db.QuotaRules.AsNoTracking().Where(r => r.Year == year).ToListAsync(ct);

    /// <summary>
    /// Checks a rule before it is saved: a known region of the stated level, a ratio between 0.01% and 100%, not
    /// below any rule above it (the national floor included) and not above any rule inside its region, so that the
    /// most specific rule is never a way to require less than the jurisdiction above.
    /// </summary>
    public async Task<IReadOnlyList<RuleProblem>> ValidateAsync(int year, RuleLevel level, string regionCode, int ratioBasisPoints, CancellationToken ct = default)
    {
        var problems = new List<RuleProblem>();
        if (year < FirstYear || year > ShanghaiYearNow() + 1) problems.Add(new(Problem.YearOutOfRange));
        if (ratioBasisPoints is < 1 or > ReservedQuota.FullRatio) problems.Add(new(Problem.RatioOutOfRange));
        Place? place = null;
        if (level == RuleLevel.National)
        {
            if (regionCode != QuotaRule.NationalCode) problems.Add(new(Problem.LevelMismatch));
        }
        else
        {
            var division = await db.Divisions.AsNoTracking().Where(d => d.Code == regionCode)
                .Select(d => new { d.Level, d.PrefectureCode, d.ProvinceCode }).SingleOrDefaultAsync(ct);
            if (division is null) problems.Add(new(Problem.RegionUnknown));
            else if ((int)division.Level != (int)level) problems.Add(new(Problem.LevelMismatch));
            else place = new Place(level == RuleLevel.County ? regionCode : "", level == RuleLevel.Prefecture ? regionCode : division.PrefectureCode, division.ProvinceCode);
        }
        if (problems.Count > 0) return problems;

        var others = (await RulesOfYearAsync(year, ct)).Where(r => r.RegionCode != regionCode).ToList();
        foreach (var other in others)
        {
            if (Encloses(other, level, place) && other.RatioBasisPoints > ratioBasisPoints)
                problems.Add(new(Problem.BelowEnclosingRule, other.RegionCode, other.RatioBasisPoints));
            else if (IsInside(other, level, regionCode) && other.RatioBasisPoints < ratioBasisPoints)
                problems.Add(new(Problem.AboveEnclosedRule, other.RegionCode, other.RatioBasisPoints));
        }
        if (level != RuleLevel.National && others.All(r => r.Level != RuleLevel.National) && ratioBasisPoints < QuotaRule.DefaultNationalRatioBasisPoints)
            problems.Add(new(Problem.BelowEnclosingRule, QuotaRule.NationalCode, QuotaRule.DefaultNationalRatioBasisPoints));
        return problems;
    }

    private static bool Encloses(QuotaRule other, RuleLevel level, Place? place) => other.Level < level && other.Level switch
    {
        RuleLevel.National => true,
        RuleLevel.Province => other.RegionCode == place?.ProvinceCode,
        RuleLevel.Prefecture => other.RegionCode == place?.PrefectureCode,
        _ => false,
    };

    private static bool IsInside(QuotaRule other, RuleLevel level, string regionCode) => other.Level > level && level switch
    {
        RuleLevel.National => true,
        RuleLevel.Province => other.RegionCode.StartsWith(regionCode[..2], StringComparison.Ordinal),
        RuleLevel.Prefecture => other.RegionCode.StartsWith(regionCode[..4], StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Adds or changes the rule for (year, region); tracked, not saved, so the caller saves it with its audit entry.</summary>
    public async Task<QuotaRule> SetAsync(int year, RuleLevel level, string regionCode, int ratioBasisPoints, bool notBelowLastYear, string? note, string? userId, CancellationToken ct = default)
    {
        var rule = await db.QuotaRules.SingleOrDefaultAsync(r => r.Year == year && r.RegionCode == regionCode, ct);
        if (rule is null)
        {
            rule = new QuotaRule { Year = year, RegionCode = regionCode };
            db.QuotaRules.Add(rule);
        }
        rule.Level = level;
        rule.RatioBasisPoints = ratioBasisPoints;
        rule.NotBelowLastYear = notBelowLastYear;
        rule.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        rule.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        rule.UpdatedByUserId = userId;
        return rule;
    }

    public int ShanghaiYearNow() => Money.ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);

    public static RuleLevel LevelOf(DivisionLevel level) => (RuleLevel)(int)level;
}
