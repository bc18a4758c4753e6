using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;

namespace Storefront.Core.Demand;

/// <summary>
/// What signed (active) agreements still bring from today to 31 December, read from their schedules and written
/// deliveries as <see cref="SupplyAgreement.DeliveriesBetween"/> gives them: the quota forecast (the /quota page and
/// the admins' dashboard), the list of organisations behind pace without an agreement, and the impact view's
/// committed volume all read it.
/// </summary>
public sealed class SignedAgreements(StorefrontDbContext db, TimeProvider clock)
{
    /// <summary>
    /// One active agreement's deliveries still to come this year: the quantity and the amount at the agreed price.
    /// <see cref="CountyCounts"/> says whether money to its county would count towards a quota today.
    /// </summary>
    public sealed record Remaining(long AgreementId, int OrganisationId, int SupplierId, string CountyCode, bool CountyCounts,
        string Unit, int Deliveries, long Quantity, long AmountFen);

    /// <summary>
    /// The rule of the forecast, for one agreement: each delivery from <paramref name="from"/> to <paramref name="to"/>
    /// that is committed (scheduled or ordered) and whose order, if made, is neither paid (a paid order is in the
    /// ledger already) nor cancelled, at its quantity × the agreed unit price in fen. An ended agreement adds nothing.
    /// </summary>
    public static (int Deliveries, long Quantity, long AmountFen) StillToCome(SupplyAgreement agreement, IEnumerable<StandingDelivery> written,
        IReadOnlySet<long> settledOrderIds, DateOnly from, DateOnly to)
    {
        if (!agreement.IsActive) return (0, 0, 0);
        var coming = agreement.DeliveriesBetween(from, to, written)
            .Where(d => d.IsCommitted && !(d.Row?.OrderId is { } order && settledOrderIds.Contains(order)))
            .ToList();
        var quantity = coming.Sum(d => (long)d.Quantity);
        return (coming.Count, quantity, quantity * agreement.UnitPriceFen);
    }

    private sealed class WrittenRow
    {
        public StandingDelivery Row { get; init; } = null!;
        public bool Settled { get; init; }
    }

    private sealed class AgreementRow
    {
        public SupplyAgreement Agreement { get; init; } = null!;
        public string CountyCode { get; init; } = "";
        public List<WrittenRow> Written { get; init; } = [];
        public bool Counts { get; init; }
    }

    // Compiled: the dashboard and /quota read it on every request, and composing this query cost more than running it
    // (about 1.4 ms of the dashboard's 11 on the load test's data, issue 13). One shape for every caller: the
    // organisations named or all (null), the supplier or any.
    private static readonly CompiledPerModel<Func<StorefrontDbContext, DateOnly, DateOnly, DateTime, int[]?, int?, IAsyncEnumerable<AgreementRow>>> ReadThisYear = new(() => EF.CompileAsyncQuery(
        (StorefrontDbContext db, DateOnly today, DateOnly yearEnd, DateTime now, int[]? organisationIds, int? supplierId) =>
            db.SupplyAgreements.AsNoTracking()
                .Where(a => a.Status == AgreementStatus.Active && a.EndDate >= today && a.StartDate <= yearEnd
                    && (organisationIds == null || organisationIds.Contains(a.OrganisationId))
                    && (supplierId == null || a.SupplierId == supplierId))
                .Select(a => new
                {
                    Agreement = a,
                    CountyCode = a.ListingId != null ? a.Listing!.OriginCountyCode : a.Supplier.CountyCode,
                    Written = a.Deliveries.Where(d => d.DeliveryDate >= today && d.DeliveryDate <= yearEnd)
                        .Select(d => new WrittenRow { Row = d, Settled = d.Order != null && (d.Order.PaidAtUtc != null || d.Order.Status == OrderStatus.Cancelled) })
                        .ToList(),
                })
                .Select(x => new AgreementRow
                {
                    Agreement = x.Agreement, CountyCode = x.CountyCode, Written = x.Written,
                    Counts = db.DesignatedCounties.Any(c => c.CountyCode == x.CountyCode && c.AddedAtUtc <= now && (c.RemovedAtUtc == null || c.RemovedAtUtc > now)),
                })));

    /// <summary>
    /// The active agreements of the organisations named (all when null) with what they still bring by 31 December of
    /// today's Shanghai year, in one statement: the agreements, their deliveries written from today, whether each
    /// delivery's order is paid or cancelled, and whether the county counts. The county is the one the ledger would
    /// take, the listing's county of origin (order lines carry it), else the supplier's county, and it counts when it
    /// is on the designated list today, as a payment confirmed today would be checked.
    /// </summary>
    public async Task<IReadOnlyList<Remaining>> ThisYearAsync(IReadOnlyCollection<int>? organisationIds, int? supplierId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ShanghaiTime.DateOf(now);
        var yearEnd = new DateOnly(today.Year, 12, 31);
        var rows = new List<AgreementRow>();
        var ids = organisationIds?.ToArray();
        await foreach (var row in ReadThisYear.For(db)(db, today, yearEnd, now, ids, supplierId).WithCancellation(ct)) rows.Add(row);
        return rows.Select(r =>
        {
            var settled = r.Written.Where(w => w.Settled && w.Row.OrderId is not null).Select(w => w.Row.OrderId!.Value).ToHashSet();
            var (deliveries, quantity, amount) = StillToCome(r.Agreement, r.Written.Select(w => w.Row), settled, today, yearEnd);
            return new Remaining(r.Agreement.Id, r.Agreement.OrganisationId, r.Agreement.SupplierId, r.CountyCode, r.Counts,
                r.Agreement.Unit, deliveries, quantity, amount);
        }).ToList();
    }

    /// <summary>
    /// What the agreements add to each organisation's counted amount by the year's end: those of its county that
    /// counts, summed per organisation that signed them (the caller adds sharers' to their host, as the ledger does).
    /// </summary>
    public static IReadOnlyDictionary<int, long> AddedByOrganisation(IEnumerable<Remaining> remaining) =>
        remaining.Where(r => r.CountyCounts).GroupBy(r => r.OrganisationId).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountFen));

    /// <summary>The organisations that have signed an agreement still active and not past its end date.</summary>
    public async Task<IReadOnlySet<int>> OrganisationsWithActiveAgreementAsync(CancellationToken ct = default)
    {
        var today = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return (await db.SupplyAgreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Active && a.EndDate >= today)
            .Select(a => a.OrganisationId).Distinct().ToListAsync(ct)).ToHashSet();
    }
}

/// <summary>
/// The admins' view of the agreements against the year's fulfilment: what they add to the organisations with a quota
/// by 31 December, the completion rate that would make, and who is behind pace with no agreement to catch up by.
/// </summary>
public sealed record AgreementOutlook(long AddsFen, decimal? RateBy31December, IReadOnlyDictionary<int, long> AddsByOrganisation,
    IReadOnlyList<Quotas.OrganisationStanding> BehindWithoutAgreement)
{
    /// <summary>
    /// Agreements of an organisation sharing another's canteen (approved filing) count towards the host, as its
    /// entries do; the group's rate is the sum counted and added by organisations with a quota ÷ the sum of their quotas.
    /// An organisation has an agreement when it, or one sharing its canteen, has an active one.
    /// </summary>
    public static AgreementOutlook Of(IReadOnlyList<Quotas.OrganisationStanding> standings, IEnumerable<SignedAgreements.Remaining> remaining,
        IReadOnlySet<int> withActiveAgreement)
    {
        var hostOf = standings
            .Where(o => o is { FilingStatus: Quotas.FilingStatus.Approved, FilingKind: Quotas.FilingKind.SharesCanteen, SharedWithOrganisationId: not null })
            .ToDictionary(o => o.OrganisationId, o => o.SharedWithOrganisationId!.Value);
        var adds = new Dictionary<int, long>();
        foreach (var (organisation, fen) in SignedAgreements.AddedByOrganisation(remaining))
        {
            var towards = hostOf.GetValueOrDefault(organisation, organisation);
            adds[towards] = adds.GetValueOrDefault(towards) + fen;
        }
        var covered = withActiveAgreement.Select(o => hostOf.GetValueOrDefault(o, o)).ToHashSet();
        var withQuota = standings.Where(o => o.HasQuota).ToList();
        var added = withQuota.Sum(o => adds.GetValueOrDefault(o.OrganisationId));
        var rate = Quotas.ReservedQuota.Percent(withQuota.Sum(o => o.CountedFen) + added, withQuota.Sum(o => o.ReservedFen));
        var behind = standings.Where(o => o.IsBehindPace && !covered.Contains(o.OrganisationId))
            .OrderBy(o => o.PaceRate).ThenBy(o => o.OrganisationId).ToList();
        return new AgreementOutlook(added, rate, adds, behind);
    }
}
