using Microsoft.EntityFrameworkCore;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;

namespace Storefront.Web.Tests.Quotas;

public class QuotaYearOnSqlite(StorefrontFactory factory) : QuotaYearTests<StorefrontFactory>(factory);
public class QuotaYearOnPostgreSql(PostgreSqlStorefrontFactory factory) : QuotaYearTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// /quota shows the year: paid by month, the pace line and the reserve, drawn as SVG on the server with the same
/// figures in a table; progress against pace as one figure; the forecast at the rate so far; grades in the rules' terms.
/// </summary>
public abstract class QuotaYearTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task AnOrganisationWithAQuotaSeesItsYearByMonthItsPaceFigureAndItsForecast()
    {
        Client();
        var year = ShanghaiTime.YearOf(DateTime.UtcNow);
        var today = ShanghaiTime.DateOf(DateTime.UtcNow);
        // The hospital's canteen: ¥1,000,000 reserved, ¥2,000 paid in January and ¥500 this month (admin corrections
        // stand in for payments: the ledger and its monthly totals treat every entry alike).
        const string name = OrderingSteps.Hospital;
        const long reserved = 1_000_000_00;
        var monthly = await Factory.WithDbAsync(async db =>
        {
            var organisationId = await db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync();
            await db.CanteenFilings.Where(f => f.OrganisationId == organisationId && f.Year == year).ExecuteDeleteAsync();
            db.CanteenFilings.Add(new CanteenFiling
            {
                OrganisationId = organisationId, Year = year, Kind = FilingKind.Canteen, BaseFen = 10_000_000_00, Status = FilingStatus.Approved,
                AppliedRatioBasisPoints = 1000, ReservedFen = reserved, SubmittedAtUtc = DateTime.UtcNow, ReviewedAtUtc = DateTime.UtcNow,
            });
            foreach (var (month, fen) in new[] { (1, 2_000_00L), (today.Month, 500_00L) })
            {
                var at = ShanghaiTime.ToUtc(new DateTime(year, month, 1, 10, 0, 0));
                db.QuotaEntries.Add(new QuotaEntry
                {
                    OrganisationId = organisationId, Kind = QuotaEntryKind.AdminCorrection, AmountFen = fen, OccurredAtUtc = at, Year = year, Month = month,
                    SourceKey = $"test-year-{Guid.NewGuid():N}", RecordedAtUtc = DateTime.UtcNow, Note = "测试",
                });
            }
            await db.SaveChangesAsync();
            var months = await db.QuotaMonthlyTotals.Where(t => t.OrganisationId == organisationId && t.Year == year)
                .GroupBy(t => t.Month).Select(g => new { g.Key, Sum = g.Sum(t => t.AmountFen) }).ToDictionaryAsync(g => g.Key, g => g.Sum);
            return Enumerable.Range(1, 12).Select(m => months.GetValueOrDefault(m)).ToArray();
        });
        Assert.Equal(today.Month == 1 ? 2_500_00 : 2_000_00, monthly[0]);
        var counted = monthly.Sum();
        var pace = ReservedQuota.Pace(reserved, year, today);
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        var forecast = (counted * days + today.DayOfYear / 2) / today.DayOfYear;

        var member = await SignedInClientAsync(await Factory.NewMemberAsync(name, OrganisationRoles.Buyer));
        var page = await member.GetPageAsync("/quota");

        Assert.Equal(ReservedQuota.FormatPercent(ReservedQuota.Percent(counted, pace)), page.Text("#quota-pace-progress"));
        Assert.Equal($"按进度到今天应完成 {Fen.Format(pace)}，实际计入 {Fen.Format(counted)}，达到进度目标的 {page.Text("#quota-pace-progress")}。",
            page.Text("#quota-pace-explained").Split('。')[0] + "。");
        Assert.Equal(Fen.Format(forecast), page.Text("#quota-forecast"));
        Assert.Contains($"全年预计计入 {Fen.Format(forecast)}，约为预留份额的 {ReservedQuota.FormatPercent(ReservedQuota.Percent(forecast, reserved))}", page.Text("#quota-forecast-explained"));

        var svg = page.Get("svg#quota-year-chart");
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal(12, svg.QuerySelectorAll("rect.chart-bar").Length);
        Assert.NotNull(svg.QuerySelector("polyline.chart-target"));
        Assert.NotNull(svg.QuerySelector("polyline.chart-line"));
        Assert.NotNull(svg.QuerySelector("line.chart-reserve"));
        Assert.Contains($"累计计入 {Fen.Format(counted)}，预留份额 {Fen.Format(reserved)}", svg.QuerySelector("desc")!.TextContent);

        var rows = page.All("#quota-year-table tbody tr");
        Assert.Equal(12, rows.Count);
        Assert.Equal(monthly.Select(Fen.Format), rows.Select(r => r.Children[1].TextContent.Trim()));
        Assert.Equal(Fen.Format(ReservedQuota.Pace(reserved, year, new DateOnly(year, 12, 31))), rows[11].Children[3].TextContent.Trim());
        Assert.Equal(Fen.Format(counted), rows[today.Month - 1].Children[2].TextContent.Trim());
        // No script: the chart is the page's own markup.
        Assert.DoesNotContain("<script", page.Get("#quota-year").OuterHtml);
    }

    [SkippableFact]
    public async Task GradesAreExplainedInTheTermsOfTheRulesWithNoForeignScorecard()
    {
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var page = await buyer.GetPageAsync("/quota");
        Assert.Contains("财库〔2021〕20号", page.Text("#quota-grades"));
        Assert.Contains("A：100% 及以上（按进度完成）", page.Text("#quota-grades"));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        foreach (var text in new[] { page.Body, (await admin.GetPageAsync("/admin/quotas/ranking")).Body })
        {
            Assert.DoesNotContain("SBA", text);
            Assert.DoesNotContain("记分卡", text);
        }
    }

    [SkippableFact]
    public async Task AnOrganisationWithNothingCountedSeesAnEmptyChartWithoutAScaleOfNothing()
    {
        // The demo school has not filed and has bought nothing yet.
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var page = await buyer.GetPageAsync("/quota");
        var svg = page.Get("svg#quota-year-chart");
        Assert.Equal(["¥0"], svg.QuerySelectorAll("text.chart-axis").Select(t => t.TextContent).Where(t => t.StartsWith('¥')));
        Assert.Equal("本年度尚无计入金额", svg.QuerySelector("text.chart-empty")!.TextContent);
        Assert.Equal("—", page.Text("#quota-pace-progress"));
        Assert.Equal("¥0.00", page.Text("#quota-forecast"));
    }

    [SkippableFact]
    public async Task TheAdminsTrendOfAYearWithNothingCountedHasNoScaleOfNothing()
    {
        // 2021, the first year of the rules, holds nothing in the demo: the chart used to read ¥0, ¥0, ¥0, ¥0, ¥1.
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync("/admin/quotas/trends?year=2021");
        var svg = page.Get("svg#chart-all");
        Assert.Equal(["¥0"], svg.QuerySelectorAll("text.chart-axis").Select(t => t.TextContent).Where(t => t.StartsWith('¥')));
        Assert.Equal("本年度尚无计入金额", svg.QuerySelector("text.chart-empty")!.TextContent);
    }
}
