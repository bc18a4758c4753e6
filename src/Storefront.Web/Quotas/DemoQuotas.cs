using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;

namespace Storefront.Web.Quotas;

/// <summary>
/// The demo's quota year: a 20% rule for Xiangxi prefecture, a deadline at the year's end, and canteen filings for
/// most demo organisations (approved, one waiting for review, one returned, one without canteen, one sharing a
/// canteen). The school of the demo accounts has not filed yet, so its org admin can try it.
/// </summary>
public static class DemoQuotas
{
    private static readonly (string Key, FilingKind Kind, long BaseYuan, string? Host, FilingStatus Status)[] Filings =
    [
        ("agency", FilingKind.Canteen, 1_800_000, null, FilingStatus.Approved),
        ("agency2", FilingKind.SharesCanteen, 0, "agency", FilingStatus.Approved),
        ("agency3", FilingKind.Canteen, 1_200_000, null, FilingStatus.Approved),
        ("agency4", FilingKind.Canteen, 900_000, null, FilingStatus.Returned),
        ("agency5", FilingKind.Canteen, 1_500_000, null, FilingStatus.Approved),
        ("school2", FilingKind.Canteen, 2_400_000, null, FilingStatus.Approved),
        ("school3", FilingKind.Canteen, 3_100_000, null, FilingStatus.Approved),
        ("school4", FilingKind.Canteen, 2_700_000, null, FilingStatus.Approved),
        ("school5", FilingKind.NoCanteen, 0, null, FilingStatus.Approved),
        ("hospital", FilingKind.Canteen, 3_600_000, null, FilingStatus.Submitted),
        ("hospital2", FilingKind.Canteen, 2_200_000, null, FilingStatus.Approved),
        ("hospital3", FilingKind.Canteen, 2_900_000, null, FilingStatus.Approved),
        ("hospital4", FilingKind.Canteen, 1_100_000, null, FilingStatus.Approved),
        ("hospital5", FilingKind.Canteen, 2_500_000, null, FilingStatus.Approved),
    ];

    public static async Task SeedAsync(StorefrontDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var year = ShanghaiTime.YearOf(now);
        db.QuotaYears.Add(new QuotaYear { Year = year, FilingDeadline = new DateOnly(year, 12, 31), UpdatedAtUtc = now });
        db.QuotaRules.Add(new QuotaRule { Year = year, Level = RuleLevel.National, RegionCode = QuotaRule.NationalCode, RatioBasisPoints = 1000, UpdatedAtUtc = now, Note = "财库〔2021〕20号" });
        db.QuotaRules.Add(new QuotaRule { Year = year, Level = RuleLevel.Prefecture, RegionCode = "433100", RatioBasisPoints = 2000, UpdatedAtUtc = now, Note = "湘西州消费帮扶工作方案" });
        await db.SaveChangesAsync(ct);

        var names = DemoCatalog.Organisations.ToDictionary(o => o.Key, o => o.Name);
        var ids = await db.Organisations.ToDictionaryAsync(o => o.Name, o => o.Id, ct);
        var filings = new CanteenFilings(db, new QuotaRules(db, clock), clock);
        foreach (var seed in Filings)
        {
            var organisationId = ids[names[seed.Key]];
            var input = new CanteenFilings.Input(seed.Kind, seed.Kind == FilingKind.Canteen ? seed.BaseYuan * 100 : null,
                seed.Host is null ? null : ids[names[seed.Host]], null);
            var (filing, problems) = await filings.SubmitAsync(organisationId, year, input, null, ct);
            if (filing is null) throw new InvalidOperationException($"Demo filing of {seed.Key}: {problems[0].Problem}.");
            if (seed.Status == FilingStatus.Approved) await filings.ApproveAsync(filing, null, ct);
            else if (seed.Status == FilingStatus.Returned) filings.Return(filing, "请补充食堂年度采购预算批复文件。", null);
            // Hosts first: a sharer's filing checks its host's.
            await db.SaveChangesAsync(ct);
        }
    }
}
