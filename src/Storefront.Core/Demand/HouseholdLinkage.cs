using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Demand;

/// <summary>
/// Household linkage (联农带农) beside the money: per county and per supplier, the registered households suppliers say
/// they buy from or employ (脱贫户, 监测户; a county adds up its suppliers that stated them), and the committed volume of
/// active agreements still to come this year (amount at the agreed price, quantity per unit). The impact view puts
/// it beside the paid purchases of <see cref="Quotas.Fulfilment"/>.
/// </summary>
public sealed class HouseholdLinkage(StorefrontDbContext db, SignedAgreements agreements)
{
    public sealed record UnitQuantity(string Unit, long Quantity);

    public sealed record Linkage(int? PovertyLiftedHouseholds, int? MonitoredHouseholds, long CommittedFen, IReadOnlyList<UnitQuantity> CommittedQuantities);

    /// <summary>A county or supplier that has linkage, with its name (for one that has no paid purchase this year).</summary>
    public sealed record Named(string Key, string Name, string? Detail, string CountyCode, Linkage Linkage);

    public sealed record View(IReadOnlyList<Named> Counties, IReadOnlyList<Named> Suppliers);

    /// <summary>
    /// With <paramref name="committedThisYear"/> (the current year) the agreements' remaining deliveries are read;
    /// a past year shows the households only. Every active agreement counts here, whatever its county's status:
    /// this is what suppliers are bound to deliver, not what will count towards quotas.
    /// </summary>
    public async Task<View> LoadAsync(bool committedThisYear, CancellationToken ct = default)
    {
        var remaining = committedThisYear ? await agreements.ThisYearAsync(null, ct: ct) : [];
        var supplierIds = remaining.Select(r => r.SupplierId).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking()
            .Where(s => s.PovertyLiftedHouseholds != null || s.MonitoredHouseholds != null || supplierIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.CountyCode, CountyName = s.County.Name, s.PovertyLiftedHouseholds, s.MonitoredHouseholds })
            .ToListAsync(ct);
        var countyCodes = suppliers.Select(s => s.CountyCode).Concat(remaining.Select(r => r.CountyCode)).Distinct().ToList();
        var counties = await db.Divisions.AsNoTracking().Where(d => countyCodes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => new { d.Name, Detail = (d.ProvinceName + " " + d.PrefectureName).Trim() }, ct);

        static Linkage Of(IEnumerable<int?> lifted, IEnumerable<int?> monitored, IReadOnlyCollection<SignedAgreements.Remaining> committed) => new(
            lifted.Where(h => h is not null).Aggregate((int?)null, (sum, h) => (sum ?? 0) + h),
            monitored.Where(h => h is not null).Aggregate((int?)null, (sum, h) => (sum ?? 0) + h),
            committed.Sum(r => r.AmountFen),
            committed.GroupBy(r => r.Unit).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new UnitQuantity(g.Key, g.Sum(r => r.Quantity))).ToList());

        var bySupplier = suppliers.Select(s => new Named(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name, s.CountyName, s.CountyCode,
                Of([s.PovertyLiftedHouseholds], [s.MonitoredHouseholds], remaining.Where(r => r.SupplierId == s.Id).ToList())))
            .OrderByDescending(n => n.Linkage.CommittedFen).ThenBy(n => n.Name, StringComparer.Ordinal).ToList();
        var byCounty = countyCodes.Select(code =>
            {
                var of = suppliers.Where(s => s.CountyCode == code).ToList();
                var county = counties.GetValueOrDefault(code);
                return new Named(code, county?.Name ?? code, county?.Detail, code,
                    Of(of.Select(s => s.PovertyLiftedHouseholds), of.Select(s => s.MonitoredHouseholds), remaining.Where(r => r.CountyCode == code).ToList()));
            })
            .OrderByDescending(n => n.Linkage.CommittedFen).ThenBy(n => n.Key, StringComparer.Ordinal).ToList();
        return new View(byCounty, bySupplier);
    }
}
