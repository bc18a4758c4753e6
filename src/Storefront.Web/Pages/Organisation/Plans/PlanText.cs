using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Core.Demand;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>How plans and their problems read, for the organisation's pages and the suppliers' alike.</summary>
public static class PlanText
{
    public static string Schedule(IStringLocalizer t, DeliverySchedule schedule) => schedule.Frequency switch
    {
        DeliveryFrequency.Weekly => t["Plan.WeeklyOn", string.Join("、", Enum.GetValues<DayOfWeek>().Where(schedule.Weekdays.Contains)
            .OrderBy(d => ((int)d + 6) % 7).Select(d => CultureInfo.CurrentUICulture.DateTimeFormat.GetDayName(d)))],
        DeliveryFrequency.EveryNDays => t["Plan.EveryNDaysText", schedule.IntervalDays],
        _ => t["Plan.MonthlyOn", schedule.DayOfMonth],
    };

    public static string Counties(IStringLocalizer t, string? provinceName) =>
        provinceName is null ? t["Plan.AllCounties"] : t["Plan.ProvinceOnly", provinceName];

    /// <summary>Each problem on its field of the form under <paramref name="prefix"/>, or above the form.</summary>
    public static void AddTo(ModelStateDictionary state, IStringLocalizer t, string prefix, IEnumerable<DemandProblem> problems)
    {
        foreach (var p in problems)
            state.AddModelError(p.Field.Length == 0 ? "" : $"{prefix}.{p.Field}", t[p.Key, p.Args]);
    }
}
