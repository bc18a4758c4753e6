using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Pages.Organisation.Plans;
using Storefront.Web.Tables;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>
/// The CSV and XLSX files of plans, quotes and agreements, each side its own: the same columns for the organisation
/// and the supplier, written by <see cref="TableFiles"/> (formula-guarded text, amounts in yuan as numbers).
/// </summary>
public static class AgreementExport
{
    public static IActionResult File(string? format, string name, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows) =>
        format?.ToLowerInvariant() switch
        {
            "csv" => new FileContentResult(TableFiles.WriteCsv(headers, rows), TableFiles.CsvContentType) { FileDownloadName = name + ".csv" },
            "xlsx" => new FileContentResult(TableFiles.WriteXlsx(headers, rows), TableFiles.XlsxContentType) { FileDownloadName = name + ".xlsx" },
            _ => new NotFoundResult(),
        };

    public static async Task<IActionResult> AgreementsAsync(StorefrontDbContext db, IStringLocalizer t, string? format, AgreementSide side, int partyId, CancellationToken ct)
    {
        var agreements = await db.SupplyAgreements.AsNoTracking()
            .Where(a => side == AgreementSide.Organisation ? a.OrganisationId == partyId : a.SupplierId == partyId)
            .OrderBy(a => a.Id)
            .Select(a => new { Agreement = a, Organisation = a.Organisation.Name, Supplier = a.Supplier.Name })
            .ToListAsync(ct);
        string[] headers =
        [
            t["Agreements.Number"], t["Order.Organisation"], t["Quote.Supplier"], t["Field.PlanDescription"], t["Field.Spec"], t["Field.UnitPrice"],
            t["Plans.PerDelivery"], t["Field.Unit"], t["Field.Frequency"], t["Field.StartDate"], t["Field.EndDate"], t["Field.ChangeNoticeDays"],
            t["Field.PriceReview"], t["Agreements.Status"], t["Agreements.Version"], t["Agreements.SignedAt"], t["Agreements.PlanNumber"],
        ];
        var rows = agreements.Select(x => (IReadOnlyList<object?>)
        [
            x.Agreement.Id, x.Organisation, x.Supplier, x.Agreement.Description, x.Agreement.Spec, x.Agreement.UnitPriceFen / 100m,
            x.Agreement.QuantityPerDelivery, x.Agreement.Unit, PlanText.Schedule(t, x.Agreement.Schedule), Iso(x.Agreement.StartDate), Iso(x.Agreement.EndDate),
            x.Agreement.ChangeNoticeDays, x.Agreement.PriceReview, t[$"AgreementStatus.{x.Agreement.Status}"].Value, x.Agreement.Version,
            ShanghaiTime.Format(x.Agreement.SignedAtUtc), x.Agreement.PlanId,
        ]).ToList();
        return File(format, "agreements", headers, rows);
    }

    /// <summary>Quotes on the organisation's plans, or the supplier's own quotes.</summary>
    public static async Task<IActionResult> QuotesAsync(StorefrontDbContext db, IStringLocalizer t, string? format, AgreementSide side, int partyId, CancellationToken ct)
    {
        var quotes = await db.PlanQuotes.AsNoTracking()
            .Where(q => side == AgreementSide.Organisation ? q.Plan.OrganisationId == partyId : q.SupplierId == partyId)
            .OrderBy(q => q.PlanId).ThenBy(q => q.Id)
            .Select(q => new
            {
                q.PlanId, Organisation = q.Plan.Organisation.Name, q.Plan.Description, Supplier = q.Supplier.Name, County = q.Supplier.County.Name,
                q.UnitPriceFen, q.QuantityPerDelivery, q.Plan.Unit, q.FirstDeliveryOn, q.Revision, q.Status, q.Note,
            })
            .ToListAsync(ct);
        string[] headers =
        [
            t["Agreements.PlanNumber"], t["Order.Organisation"], t["Field.PlanDescription"], t["Quote.Supplier"], t["Quote.County"], t["Field.UnitPrice"],
            t["Plans.PerDelivery"], t["Field.Unit"], t["Field.FirstDeliveryOn"], t["Plans.Revision"], t["Quote.Status"], t["Field.QuoteNote"],
        ];
        var rows = quotes.Select(q => (IReadOnlyList<object?>)
        [
            q.PlanId, q.Organisation, q.Description, q.Supplier, q.County, q.UnitPriceFen / 100m, q.QuantityPerDelivery, q.Unit, Iso(q.FirstDeliveryOn),
            q.Revision, t[$"QuoteStatus.{q.Status}"].Value, q.Note,
        ]).ToList();
        return File(format, "quotes", headers, rows);
    }

    public static async Task<IActionResult> PlansAsync(StorefrontDbContext db, IStringLocalizer t, string? format, int organisationId, DateOnly today, CancellationToken ct)
    {
        var plans = await db.ProcurementPlans.AsNoTracking().Where(p => p.OrganisationId == organisationId).OrderBy(p => p.Id)
            .Select(p => new { Plan = p, Category = Localization.Cultures.IsEnglish ? p.Category.NameEn : p.Category.Name, Quotes = p.Quotes.Count })
            .ToListAsync(ct);
        string[] headers =
        [
            t["Plans.Number"], t["Field.Category"], t["Field.PlanDescription"], t["Field.Spec"], t["Plans.PerDelivery"], t["Field.Unit"],
            t["Field.Frequency"], t["Field.StartDate"], t["Field.EndDate"], t["Field.QuotesCloseOn"], t["Field.PriceCeiling"], t["Plans.State"],
            t["Plans.Quotes"], t["Award.Awarded"], t["Plans.Revision"],
        ];
        var rows = plans.Select(x => (IReadOnlyList<object?>)
        [
            x.Plan.Id, x.Category, x.Plan.Description, x.Plan.Spec, x.Plan.QuantityPerDelivery, x.Plan.Unit, PlanText.Schedule(t, x.Plan.Schedule),
            Iso(x.Plan.StartDate), Iso(x.Plan.EndDate), Iso(x.Plan.QuotesCloseOn), x.Plan.PriceCeilingFen / 100m,
            (x.Plan.IsOpenOn(today) ? t["Plans.Open"] : t["Plans.Closed"]).Value, x.Quotes, x.Plan.AwardedQuantityPerDelivery, x.Plan.Revision,
        ]).ToList();
        return File(format, "plans", headers, rows);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
