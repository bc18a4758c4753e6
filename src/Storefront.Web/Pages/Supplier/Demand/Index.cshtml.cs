using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Regions;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Supplier.Demand;

/// <summary>
/// /supplier/demand: the open procurement plans a cooperative may quote on (a category it publishes in, a county
/// rule that admits its county), filtered by category, by the buying organisation's province and by size (the
/// quantity per delivery, in ranges a small cooperative and a county company tell apart).
/// </summary>
public class IndexModel(StorefrontDbContext db, ProcurementPlans plans, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    /// <summary>The size ranges, by quantity per delivery, both ends included; the last has no top.</summary>
    public static readonly IReadOnlyList<(string Key, int From, int? To)> Sizes =
        [("s", 1, 50), ("m", 51, 200), ("l", 201, 1000), ("xl", 1001, null)];

    public sealed record Row(long Id, string Organisation, string Category, string Description, string Spec, int Quantity, string Unit,
        DeliverySchedule Schedule, DateOnly Start, DateOnly End, DateOnly ClosesOn, long? CeilingFen, long? MyPriceFen);

    [BindProperty(SupportsGet = true)] public int? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Province { get; set; }
    [BindProperty(SupportsGet = true)] public string? Size { get; set; }
    public IReadOnlyList<SelectListItem> SizeChoices => Sizes.Select(x => new SelectListItem(
        x.To is { } to ? t["Demand.SizeRange", x.From, to].Value : t["Demand.SizeFrom", x.From].Value, x.Key, x.Key == Size)).ToList();
    public IReadOnlyList<Row> Plans { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Provinces { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var english = Cultures.IsEnglish;
        var supplierId = SupplierId;
        var open = await plans.OpenForAsync(supplierId, ct);
        Categories = await db.Categories.AsNoTracking()
            .Where(c => db.Listings.Any(l => l.SupplierId == supplierId && l.Status == ListingStatus.Published && l.CategoryId == c.Id))
            .OrderBy(c => c.SortOrder).Select(c => new SelectListItem(english ? c.NameEn : c.Name, c.Id.ToString())).ToListAsync(ct);
        Provinces = await db.Divisions.AsNoTracking().Where(d => d.Level == DivisionLevel.Province)
            .Where(d => open.Any(p => p.Organisation.Region.ProvinceCode == d.Code))
            .OrderBy(d => d.Code).Select(d => new SelectListItem(d.Name, d.Code)).ToListAsync(ct);
        var size = Sizes.FirstOrDefault(x => x.Key == Size);
        var (from, top) = size.Key is null ? (1, (int?)null) : (size.From, size.To);
        var rows = await open.AsNoTracking()
            .Where(p => p.QuantityPerDelivery >= from && (top == null || p.QuantityPerDelivery <= top))
            .Where(p => Category == null || p.CategoryId == Category)
            .Where(p => string.IsNullOrEmpty(Province) || p.Organisation.Region.ProvinceCode == Province)
            .OrderBy(p => p.QuotesCloseOn).ThenBy(p => p.Id).Take(200)
            .Select(p => new
            {
                p.Id, Organisation = p.Organisation.Name, Category = english ? p.Category.NameEn : p.Category.Name, p.Description, p.Spec,
                p.QuantityPerDelivery, p.Unit, p.Frequency, p.WeekdayMask, p.IntervalDays, p.DayOfMonth, p.StartDate, p.EndDate, p.QuotesCloseOn,
                p.PriceCeilingFen, Mine = p.Quotes.Where(q => q.SupplierId == supplierId).Select(q => (long?)q.UnitPriceFen).FirstOrDefault(),
            })
            .ToListAsync(ct);
        Plans = rows.Select(p => new Row(p.Id, p.Organisation, p.Category, p.Description, p.Spec, p.QuantityPerDelivery, p.Unit,
            new DeliverySchedule(p.Frequency, DeliverySchedule.WeekdaysOf(p.WeekdayMask), p.IntervalDays, p.DayOfMonth),
            p.StartDate, p.EndDate, p.QuotesCloseOn, p.PriceCeilingFen, p.Mine)).ToList();
        return Page();
    }
}
