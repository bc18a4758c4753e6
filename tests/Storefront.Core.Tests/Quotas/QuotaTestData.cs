using Microsoft.Extensions.Time.Testing;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

/// <summary>The quota services over one database and a clock set to a day of 2026 (Shanghai).</summary>
public sealed class QuotaTestData
{
    public QuotaTestData(StorefrontDbContext db, DateTime? shanghaiNow = null)
    {
        Db = db;
        Clock = new FakeTimeProvider(new DateTimeOffset(ShanghaiTime.ToUtc(shanghaiNow ?? new DateTime(2026, 7, 1, 10, 0, 0)), TimeSpan.Zero));
        Rules = new QuotaRules(db, Clock);
        Filings = new CanteenFilings(db, Rules, Clock);
        Ledger = new QuotaLedger(db, Clock);
    }

    public StorefrontDbContext Db { get; }
    public FakeTimeProvider Clock { get; }
    public QuotaRules Rules { get; }
    public CanteenFilings Filings { get; }
    public QuotaLedger Ledger { get; }

    public async Task<QuotaRule> RuleAsync(int year, RuleLevel level, string region, int ratio, bool notBelowLastYear = false)
    {
        var rule = await Rules.SetAsync(year, level, region, ratio, notBelowLastYear, null, null);
        await Db.SaveChangesAsync();
        return rule;
    }

    public async Task<CanteenFiling> ApprovedFilingAsync(int organisationId, int year, long baseFen, int? pledge = null)
    {
        var filing = await Filings.ImportAsync(organisationId, year, new CanteenFilings.Input(FilingKind.Canteen, baseFen, null, pledge), null);
        await Db.SaveChangesAsync();
        return filing;
    }

    public static DateTime InShanghai(int year, int month, int day, int hour = 10) => ShanghaiTime.ToUtc(new DateTime(year, month, day, hour, 0, 0));
}
