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
        var queries = Compiled.For(db);
        var organisation = await queries.Organisation(db, organisationId, year, ct);
        if (organisation is null) return null;
        // An organisation sharing another's canteen counts nothing of its own, yet its page still shows its entries.
        // Only a host named by a filing needs the ledger's one more statement; anyone else shows itself alone.
        var sharesCanteen = organisation is { FilingStatus: FilingStatus.Approved, FilingKind: FilingKind.SharesCanteen };
        IReadOnlyList<int> ids = sharesCanteen ? [] : !organisation.MayHaveSharers ? [organisationId] : await ledger.CountingTowardsAsync(organisationId, year, ct);
        IReadOnlyList<int> shown = ids.Count == 0 ? [organisationId] : ids;
        var monthly = new long[12];
        await foreach (var m in queries.Months(db, organisationId, year, ids.Count > 1).WithCancellation(ct)) monthly[m.Month - 1] = m.AmountFen;
        var counted = ids.Count == 0 ? 0 : monthly.Sum();
        var reserved = organisation.FilingStatus == FilingStatus.Approved ? organisation.ReservedFen ?? 0 : 0;
        return new Panel(organisationId, organisation.Name, year, organisation.FilingKind, organisation.FilingStatus, organisation.ReturnReason,
            organisation.HostName, organisation.RatioBasisPoints, reserved, counted, ReservedQuota.Pace(reserved, year, ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime)))
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

    /// <summary>
    /// The entries behind the counted amount, newest first, a page at a time; with those of organisations sharing the
    /// canteen. The count rides on every row of the page, so only a page past the last needs a statement of its own.
    /// </summary>
    public async Task<(IReadOnlyList<EntryRow> Rows, int Total)> EntriesAsync(Panel panel, int page, int pageSize, CancellationToken ct = default)
    {
        var queries = Compiled.For(db);
        var (organisationId, year, withSharers) = (panel.OrganisationId, panel.Year, panel.EntriesOf.Count > 1);
        var rows = new List<EntryRow>();
        var total = 0;
        await foreach (var row in queries.Entries(db, organisationId, year, withSharers, (page - 1) * pageSize, pageSize).WithCancellation(ct))
        {
            rows.Add(row.Row);
            total = row.Total;
        }
        if (rows.Count == 0 && page > 1) total = await queries.EntriesCount(db, organisationId, year, withSharers, ct);
        return (rows, total);
    }

    /// <summary>
    /// Where an entry's source can be seen: the storefront order, on the order pages of whoever reads the ledger (a
    /// member's /orders/{id}, an admin's /admin/orders/{id}); imports and corrections have no page of their own.
    /// </summary>
    public static string? LinkOf(EntryRow entry, string orderPages = "/orders/") => entry.OrderId is { } id ? $"{orderPages}{id}" : null;

    /// <summary>What the panel reads of the organisation and its filing of the year.</summary>
    private sealed class OrganisationRow
    {
        public string Name { get; init; } = "";
        public FilingKind? FilingKind { get; init; }
        public FilingStatus? FilingStatus { get; init; }
        public string? ReturnReason { get; init; }
        public int? RatioBasisPoints { get; init; }
        public long? ReservedFen { get; init; }
        public string? HostName { get; init; }
        /// <summary>Whether any filing of the year names it as the canteen shared.</summary>
        public bool MayHaveSharers { get; init; }
    }

    private sealed class MonthRow
    {
        public int Month { get; init; }
        public long AmountFen { get; init; }
    }

    private sealed class PagedEntry
    {
        public EntryRow Row { get; init; } = null!;
        public int Total { get; init; }
    }

    /// <summary>
    /// The panel's and the entries' statements, compiled once per model: the quota page runs them on every request,
    /// and composing them cost more than running them (issue 13's profile). The organisations shown are the one
    /// asked for and, when sharers count towards it, those whose approved filing shares its canteen: a subquery rather
    /// than a list of ids, so each statement has one text and reads only those organisations' rows through their
    /// indexes. A compiled query is bound to the model it first ran with, and the tests run both databases in one process.
    /// </summary>
    private sealed class Compiled
    {
        private static readonly CompiledPerModel<Compiled> ByModel = new(() => new Compiled());

        public static Compiled For(StorefrontDbContext db) => ByModel.For(db);

        // The filing is unique per organisation and year, so the left join gives one row; with it, whether any may share its canteen.
        public readonly Func<StorefrontDbContext, int, int, CancellationToken, Task<OrganisationRow?>> Organisation = EF.CompileAsyncQuery(
            (StorefrontDbContext db, int organisationId, int year, CancellationToken ct) =>
                (from o in db.Organisations
                 where o.Id == organisationId
                 from f in db.CanteenFilings.Where(f => f.OrganisationId == o.Id && f.Year == year).DefaultIfEmpty()
                 select new OrganisationRow
                 {
                     Name = o.Name, FilingKind = (FilingKind?)f!.Kind, FilingStatus = (FilingStatus?)f.Status, ReturnReason = f.ReturnReason,
                     RatioBasisPoints = f.AppliedRatioBasisPoints, ReservedFen = f.ReservedFen, HostName = f.SharedWithOrganisation!.Name,
                     // Any filing naming it, approved or not: read through the (Year, SharedWithOrganisationId) index
                     // alone (SQLite would pick the year's approved filings by status otherwise); the ledger then keeps
                     // only the approved ones.
                     MayHaveSharers = db.CanteenFilings.Any(s => s.Year == year && s.SharedWithOrganisationId == o.Id),
                 })
                .SingleOrDefault());

        public readonly Func<StorefrontDbContext, int, int, bool, IAsyncEnumerable<MonthRow>> Months = EF.CompileAsyncQuery(
            (StorefrontDbContext db, int organisationId, int year, bool withSharers) =>
                db.QuotaMonthlyTotals.Where(t => t.Year == year && db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Id)
                        .Concat(db.CanteenFilings.Where(f => withSharers && f.Year == year && f.Status == Core.Quotas.FilingStatus.Approved
                            && f.Kind == Core.Quotas.FilingKind.SharesCanteen && f.SharedWithOrganisationId == organisationId).Select(f => f.OrganisationId))
                        .Contains(t.OrganisationId))
                    .GroupBy(t => t.Month).Select(g => new MonthRow { Month = g.Key, AmountFen = g.Sum(t => t.AmountFen) }));

        public readonly Func<StorefrontDbContext, int, int, bool, int, int, IAsyncEnumerable<PagedEntry>> Entries = EF.CompileAsyncQuery(
            (StorefrontDbContext db, int organisationId, int year, bool withSharers, int skip, int take) =>
                db.QuotaEntries.Where(e => e.Year == year && db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Id)
                        .Concat(db.CanteenFilings.Where(f => withSharers && f.Year == year && f.Status == Core.Quotas.FilingStatus.Approved
                            && f.Kind == Core.Quotas.FilingKind.SharesCanteen && f.SharedWithOrganisationId == organisationId).Select(f => f.OrganisationId))
                        .Contains(e.OrganisationId))
                    .OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
                    .Skip(skip).Take(take)
                    .Select(e => new PagedEntry
                    {
                        Row = new EntryRow(e.Id, e.Kind, e.AmountFen, e.OccurredAtUtc, e.SourceKey, e.OrderId, e.Reference, e.Note,
                            e.Organisation.Name, e.OrganisationId != organisationId,
                            db.Suppliers.Where(s => s.Id == e.SupplierId).Select(s => s.Name).FirstOrDefault(), e.CountyCode),
                        Total = db.QuotaEntries.Count(c => c.Year == year && db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Id)
                            .Concat(db.CanteenFilings.Where(f => withSharers && f.Year == year && f.Status == Core.Quotas.FilingStatus.Approved
                                && f.Kind == Core.Quotas.FilingKind.SharesCanteen && f.SharedWithOrganisationId == organisationId).Select(f => f.OrganisationId))
                            .Contains(c.OrganisationId)),
                    }));

        public readonly Func<StorefrontDbContext, int, int, bool, CancellationToken, Task<int>> EntriesCount = EF.CompileAsyncQuery(
            (StorefrontDbContext db, int organisationId, int year, bool withSharers, CancellationToken ct) =>
                db.QuotaEntries.Count(c => c.Year == year && db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Id)
                    .Concat(db.CanteenFilings.Where(f => withSharers && f.Year == year && f.Status == Core.Quotas.FilingStatus.Approved
                        && f.Kind == Core.Quotas.FilingKind.SharesCanteen && f.SharedWithOrganisationId == organisationId).Select(f => f.OrganisationId))
                    .Contains(c.OrganisationId)));
    }
}
