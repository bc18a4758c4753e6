using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Quotas;

namespace Storefront.Web.Quotas;

/// <summary>
/// What an organisation's people see of its quota: reserved, counted, remaining, completion and pace, and what an
/// order would add. Used by the quota page, the organisation dashboard and the cart (through _QuotaImpact).
/// </summary>
public sealed class QuotaPanel(StorefrontDbContext db, QuotaLedger ledger, TimeProvider clock)
{
    public sealed record Panel(
        int OrganisationId,
        string OrganisationName,
        int Year,
        FilingKind? FilingKind,
        FilingStatus? FilingStatus,
        string? ReturnReason,
        string? HostName,
        int? RatioBasisPoints,
        long ReservedFen,
        long CountedFen,
        long PaceFen)
    {
        public bool HasQuota => FilingStatus == Core.Quotas.FilingStatus.Approved && FilingKind == Core.Quotas.FilingKind.Canteen && ReservedFen > 0;
        public long RemainingFen => Math.Max(0, ReservedFen - CountedFen);
        public decimal? CompletionRate => HasQuota ? ReservedQuota.Percent(CountedFen, ReservedFen) : null;
        public decimal? PaceRate => HasQuota ? ReservedQuota.Percent(CountedFen, PaceFen) : null;
        public decimal? PacePercentOfQuota => HasQuota ? ReservedQuota.Percent(PaceFen, ReservedFen) : null;
        public Grade? Grade => HasQuota ? Grades.Of(CountedFen, PaceFen) : null;
        public bool IsBehindPace => HasQuota && CountedFen < PaceFen;
        /// <summary>For the progress bar: counted against the quota, capped at 100.</summary>
        public int BarPercent => CompletionRate is { } r ? (int)Math.Clamp(Math.Round(r), 0, 100) : 0;

        /// <summary>The organisations whose entries the page shows: those counting towards this one, or itself alone.</summary>
        public IReadOnlyList<int> EntriesOf { get; init; } = [];

        /// <summary>What those organisations counted in each month of the year, read with the panel for its chart.</summary>
        public long[] Monthly { get; init; } = new long[12];
    }

    /// <summary>What an order adds: the amount and the completion rate it would bring the organisation to.</summary>
    public sealed record Impact(long AddsFen, decimal? CompletionRateAfter, decimal? CompletionRateBefore, bool HasQuota);

    public int CurrentYear => ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The year of one organisation month by month, for its chart: what was counted in each month (with the organisations
    /// sharing its canteen), where it should be at each month's end (pace), and where the year ends at the rate so far.
    /// </summary>
    public sealed record YearView(int Year, long[] Monthly, long[] Cumulative, long[] PaceByMonthEnd, long ReservedFen, int MonthsGone, long? ForecastFen)
    {
        public decimal? ForecastRate => ForecastFen is { } f && ReservedFen > 0 ? ReservedQuota.Percent(f, ReservedFen) : null;
    }

    public YearView Year(Panel panel)
    {
        var (year, monthly) = (panel.Year, panel.Monthly);
        var today = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var gone = today.Year > year ? 12 : today.Year < year ? 0 : today.Month;
        var reserved = panel.HasQuota ? panel.ReservedFen : 0;
        return new YearView(year, monthly, SvgChart.Cumulative(monthly)[..gone], QuotaTables.PaceByMonthEnd(reserved, year), reserved, gone,
            ReservedQuota.Forecast(panel.CountedFen, year, today));
    }

    public async Task<Panel?> LoadAsync(int organisationId, int year, CancellationToken ct = default)
    {
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new
            {
                o.Name,
                Filing = db.CanteenFilings.Where(f => f.OrganisationId == o.Id && f.Year == year)
                    .Select(f => new { f.Kind, f.Status, f.ReturnReason, f.AppliedRatioBasisPoints, f.ReservedFen, HostName = f.SharedWithOrganisation!.Name })
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(ct);
        if (organisation is null) return null;
        // An organisation sharing another's canteen counts nothing of its own, yet its page still shows its entries.
        var ids = await ledger.CountingTowardsAsync(organisationId, year, ct);
        IReadOnlyList<int> shown = ids.Count == 0 ? [organisationId] : ids;
        var months = await db.QuotaMonthlyTotals.AsNoTracking().Where(t => shown.Contains(t.OrganisationId) && t.Year == year)
            .GroupBy(t => t.Month).Select(g => new { Month = g.Key, AmountFen = g.Sum(t => t.AmountFen) }).ToListAsync(ct);
        var monthly = new long[12];
        foreach (var m in months) monthly[m.Month - 1] = m.AmountFen;
        var counted = ids.Count == 0 ? 0 : monthly.Sum();
        var f = organisation.Filing;
        var reserved = f is { Status: FilingStatus.Approved } ? f.ReservedFen ?? 0 : 0;
        return new Panel(organisationId, organisation.Name, year, f?.Kind, f?.Status, f?.ReturnReason, f?.HostName, f?.AppliedRatioBasisPoints,
            reserved, counted, ReservedQuota.Pace(reserved, year, ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime)))
        {
            EntriesOf = shown,
            Monthly = monthly,
        };
    }

    /// <summary>"This order adds ¥X, bringing you to Y%": for the cart, counted in the current year, when the order is paid.</summary>
    public async Task<Impact?> ImpactAsync(int organisationId, long orderFen, CancellationToken ct = default)
    {
        var panel = await LoadAsync(organisationId, CurrentYear, ct);
        if (panel is null) return null;
        return new Impact(orderFen, panel.HasQuota ? ReservedQuota.Percent(panel.CountedFen + orderFen, panel.ReservedFen) : null, panel.CompletionRate, panel.HasQuota);
    }

    public static Impact ImpactOf(Panel panel, long orderFen) =>
        new(orderFen, panel.HasQuota ? ReservedQuota.Percent(panel.CountedFen + orderFen, panel.ReservedFen) : null, panel.CompletionRate, panel.HasQuota);

    public sealed record EntryRow(long Id, QuotaEntryKind Kind, long AmountFen, DateTime OccurredAtUtc, string SourceKey, long? OrderId,
        string? Reference, string? Note, string OrganisationName, bool FromSharer, string? SupplierName, string? CountyCode);

    /// <summary>The entries behind the counted amount, newest first, a page at a time; with those of organisations sharing the canteen.</summary>
    public async Task<(IReadOnlyList<EntryRow> Rows, int Total)> EntriesAsync(Panel panel, int page, int pageSize, CancellationToken ct = default)
    {
        var (organisationId, year, ids) = (panel.OrganisationId, panel.Year, panel.EntriesOf);
        var query = db.QuotaEntries.AsNoTracking().Where(e => ids.Contains(e.OrganisationId) && e.Year == year);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new EntryRow(e.Id, e.Kind, e.AmountFen, e.OccurredAtUtc, e.SourceKey, e.OrderId, e.Reference, e.Note,
                e.Organisation.Name, e.OrganisationId != organisationId,
                db.Suppliers.Where(s => s.Id == e.SupplierId).Select(s => s.Name).FirstOrDefault(), e.CountyCode))
            .ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>
    /// Where an entry's source can be seen: the storefront order, on the order pages of whoever reads the ledger (a
    /// member's /orders/{id}, an admin's /admin/orders/{id}); imports and corrections have no page of their own.
    /// </summary>
    public static string? LinkOf(EntryRow entry, string orderPages = "/orders/") => entry.OrderId is { } id ? $"{orderPages}{id}" : null;
}
