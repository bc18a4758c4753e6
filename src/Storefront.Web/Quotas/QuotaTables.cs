using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;

namespace Storefront.Web.Quotas;

/// <summary>The admin quota tables as exports: one definition of each table's columns, shared by its page and its download.</summary>
public static class QuotaTables
{
    public static string FilingLabel(IStringLocalizer t, OrganisationStanding o) =>
        o.FilingStatus is not { } status ? t["FilingStatus.None"]
        : status == FilingStatus.Approved && o.FilingKind is { } kind ? t[$"FilingKind.{kind}"]
        : t[$"FilingStatus.{status}"];

    public static QuotaTable Groups(IStringLocalizer t, string name, string firstHeader, IEnumerable<StandingGroup> groups) =>
        new(name,
            [firstHeader, t["Quota.Col.Organisations"], t["Quota.Col.WithQuota"], t["Quota.Col.ReservedYuan"], t["Quota.Col.CountedYuan"],
                t["Quota.Col.CompletionPercent"], t["Quota.Col.PaceYuan"], t["Quota.Col.PacePercent"], t["Quota.Col.Grade"], t["Quota.Col.BehindPace"]],
            groups.Select(g => (IReadOnlyList<object?>)
            [
                g.Name, g.Organisations, g.WithQuota, QuotaTable.Yuan(g.ReservedFen), QuotaTable.Yuan(g.CountedFen),
                g.CompletionRate, QuotaTable.Yuan(g.PaceFen), g.PaceRate, Grades.Label(g.Grade), g.BehindPace,
            ]).ToList());

    public static QuotaTable Organisations(IStringLocalizer t, string name, IEnumerable<OrganisationStanding> rows) =>
        new(name,
            [t["Quota.Col.Rank"], t["Quota.Col.Organisation"], t["Quota.Col.Type"], t["Quota.Col.Region"], t["Quota.Col.Filing"], t["Quota.Col.Ratio"],
                t["Quota.Col.ReservedYuan"], t["Quota.Col.CountedYuan"], t["Quota.Col.CompletionPercent"], t["Quota.Col.PaceYuan"],
                t["Quota.Col.PacePercent"], t["Quota.Col.Grade"]],
            rows.Select((o, i) => (IReadOnlyList<object?>)
            [
                i + 1, o.Name, t[$"OrgType.{o.Type}"].Value, $"{o.ProvinceName} {o.PrefectureName} {o.CountyName}".Replace("  ", " "),
                FilingLabel(t, o), o.RatioBasisPoints is { } bp ? bp / 100m : null,
                QuotaTable.Yuan(o.ReservedFen), QuotaTable.Yuan(o.CountedFen), o.CompletionRate, QuotaTable.Yuan(o.PaceFen), o.PaceRate, Grades.Label(o.Grade),
            ]).ToList());

    /// <summary>The impact table: paid purchases, then the households stated and what active agreements still commit this year.</summary>
    public static QuotaTable Impact(IStringLocalizer t, string name, string firstHeader, string detailHeader, IEnumerable<Pages.Admin.Quotas.ImpactModel.Line> rows) =>
        new(name,
            [firstHeader, detailHeader, t["Quota.Col.CountyCode"], t["Quota.Col.AmountYuan"], t["Quota.Col.Entries"],
                t["Impact.Col.PovertyLifted"], t["Impact.Col.Monitored"], t["Impact.Col.CommittedYuan"], t["Impact.Col.CommittedQuantity"]],
            rows.Select(l => (IReadOnlyList<object?>)[l.Row.Name, l.Row.Detail, l.Row.CountyCode, QuotaTable.Yuan(l.Row.AmountFen), l.Row.Entries,
                l.Linkage?.PovertyLiftedHouseholds, l.Linkage?.MonitoredHouseholds, QuotaTable.Yuan(l.Linkage?.CommittedFen ?? 0),
                Pages.Admin.Quotas.ImpactModel.Quantities(l.Linkage)]).ToList());

    public static QuotaTable Monthly(IStringLocalizer t, string name, IReadOnlyList<long> monthly, IReadOnlyList<long> pace) =>
        new(name,
            [t["Quota.Col.Month"], t["Quota.Col.CountedYuan"], t["Quota.Col.CumulativeYuan"], t["Quota.Col.PaceYuan"]],
            Enumerable.Range(0, 12).Select(m => (IReadOnlyList<object?>)
                [m + 1, QuotaTable.Yuan(monthly[m]), QuotaTable.Yuan(SvgChart.Cumulative(monthly)[m]), QuotaTable.Yuan(pace[m])]).ToList());

    /// <summary>Where the quota of the given organisations should be at the end of each month, for the trend chart's line.</summary>
    public static long[] PaceByMonthEnd(long reservedFen, int year)
    {
        var result = new long[12];
        for (var m = 1; m <= 12; m++)
            result[m - 1] = ReservedQuota.Pace(reservedFen, year, new DateOnly(year, m, DateTime.DaysInMonth(year, m)));
        return result;
    }
}
