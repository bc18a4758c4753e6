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

    public static string Counties(IStringLocalizer t, string? provinceName, bool pairedOnly = false) =>
        pairedOnly ? t["Plan.PairedOnly"] : provinceName is null ? t["Plan.AllCounties"] : t["Plan.ProvinceOnly", provinceName];

    /// <summary>Where the plan stands: waiting for approval, rejected, open for quotes or closed.</summary>
    public static string State(IStringLocalizer t, ProcurementPlan plan, bool open) => plan.Approval switch
    {
        PlanApproval.AwaitingApproval when plan.ClosedAtUtc is null => t["Plans.AwaitingApproval"],
        PlanApproval.Rejected => t["Plans.Rejected"],
        _ => open ? t["Plans.Open"] : t["Plans.Closed"],
    };

    /// <summary>A share of a supplier's received orders, with how many; a dash when none was received yet.</summary>
    public static string Share(IStringLocalizer t, decimal? percent, int orders) =>
        percent is { } p ? t["Quote.ShareOfOrders", p.ToString("0.0", CultureInfo.InvariantCulture), orders] : t["Quote.NoRecord"];

    /// <summary>A quote's tiers as "from 20 boxes ¥66.00; from 50 boxes ¥64.00", or a dash when it has one price.</summary>
    public static string Tiers(IStringLocalizer t, IEnumerable<Core.Catalog.PriceTier> tiers, string unit)
    {
        var text = string.Join("；", tiers.Select(x => t["Quote.TierText", x.MinQuantity, unit, Core.Money.Fen.Format(x.UnitPriceFen)].Value));
        return text.Length == 0 ? "—" : text;
    }

    /// <summary>Each problem on its field of the form under <paramref name="prefix"/>, or above the form.</summary>
    public static void AddTo(ModelStateDictionary state, IStringLocalizer t, string prefix, IEnumerable<DemandProblem> problems)
    {
        foreach (var p in problems)
            state.AddModelError(p.Field.Length == 0 ? "" : $"{prefix}.{p.Field}", t[p.Key, p.Args]);
    }
}
