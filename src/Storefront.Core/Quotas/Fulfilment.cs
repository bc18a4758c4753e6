using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;

namespace Storefront.Core.Quotas;

/// <summary>One organisation's standing for a year, as the dashboards show it.</summary>
public sealed record OrganisationStanding(
    int OrganisationId,
    string Name,
    OrganisationType Type,
    string CountyCode,
    string CountyName,
    string? PrefectureCode,
    string? PrefectureName,
    string ProvinceCode,
    string ProvinceName,
    FilingKind? FilingKind,
    FilingStatus? FilingStatus,
    int? SharedWithOrganisationId,
    int? RatioBasisPoints,
    long ReservedFen,
    long CountedFen,
    long PaceFen)
{
    /// <summary>An approved canteen filing with a quota to measure against.</summary>
    public bool HasQuota => FilingStatus == Quotas.FilingStatus.Approved && FilingKind == Quotas.FilingKind.Canteen && ReservedFen > 0;
    public decimal? CompletionRate => HasQuota ? ReservedQuota.Percent(CountedFen, ReservedFen) : null;
    /// <summary>Counted as a percentage of where the organisation should be today.</summary>
    public decimal? PaceRate => HasQuota ? ReservedQuota.Percent(CountedFen, PaceFen) : null;
    public Grade? Grade => HasQuota ? Grades.Of(CountedFen, PaceFen) : null;
    public bool IsBehindPace => HasQuota && CountedFen < PaceFen;
    public long RemainingFen => Math.Max(0, ReservedFen - CountedFen);
    /// <summary>State enterprises are encouraged, not bound (DESIGN.md glossary), so they are not chased for a filing.</summary>
    public bool IsBound => Type != OrganisationType.StateEnterprise;
    public bool HasNoApprovedFiling => FilingStatus != Quotas.FilingStatus.Approved;
}

/// <summary>A group of organisations (a type, a region) added up.</summary>
public sealed record StandingGroup(string Key, string Name, int Organisations, int WithQuota, long ReservedFen, long CountedFen, long PaceFen, int BehindPace)
{
    public decimal? CompletionRate => ReservedQuota.Percent(CountedFen, ReservedFen);
    public decimal? PaceRate => ReservedQuota.Percent(CountedFen, PaceFen);
    public Grade? Grade => Grades.Of(CountedFen, PaceFen);

    public static StandingGroup Of(string key, string name, IReadOnlyCollection<OrganisationStanding> rows)
    {
        var quota = rows.Where(r => r.HasQuota).ToList();
        return new StandingGroup(key, name, rows.Count, quota.Count, quota.Sum(r => r.ReservedFen), quota.Sum(r => r.CountedFen),
            quota.Sum(r => r.PaceFen), quota.Count(r => r.IsBehindPace));
    }
}

/// <summary>
/// The fulfilment of every verified organisation for a year, read in three queries (organisations with their region,
/// the year's filings, the year's totals per organisation) from the totals kept beside the ledger, so that a
/// dashboard costs the same with two million entries as with twenty. Every admin view is a projection of it.
/// </summary>
public sealed class Fulfilment(StorefrontDbContext db, TimeProvider clock)
{
    public sealed record Snapshot(int Year, DateOnly Today, IReadOnlyList<OrganisationStanding> Organisations)
    {
        public StandingGroup Total => StandingGroup.Of("", "", Organisations);

        public IReadOnlyList<StandingGroup> ByType() =>
            Organisations.GroupBy(o => o.Type).OrderBy(g => g.Key)
                .Select(g => StandingGroup.Of(g.Key.ToString(), g.Key.ToString(), g.ToList())).ToList();

        /// <summary>
        /// One level of the region drill-down: provinces for no region, prefectures of a province, counties of a
        /// prefecture (or of a province's directly administered counties). A county is not grouped further: its
        /// organisations are listed by <see cref="InRegion"/>.
        /// </summary>
        public IReadOnlyList<StandingGroup> ByRegion(string? regionCode)
        {
            IEnumerable<IGrouping<(string Code, string Name), OrganisationStanding>> groups = regionCode switch
            {
                null or "" => Organisations.GroupBy(o => (o.ProvinceCode, o.ProvinceName)),
                _ when regionCode.EndsWith("0000", StringComparison.Ordinal) => Organisations
                    .Where(o => o.ProvinceCode == regionCode)
                    .GroupBy(o => o.PrefectureCode is { } p ? (p, o.PrefectureName ?? p) : (o.CountyCode, o.CountyName)),
                _ when regionCode.EndsWith("00", StringComparison.Ordinal) => Organisations
                    .Where(o => o.PrefectureCode == regionCode)
                    .GroupBy(o => (o.CountyCode, o.CountyName)),
                _ => [],
            };
            return groups.OrderBy(g => g.Key.Code).Select(g => StandingGroup.Of(g.Key.Code, g.Key.Name, g.ToList())).ToList();
        }

        public IReadOnlyList<OrganisationStanding> InRegion(string? regionCode) => regionCode switch
        {
            null or "" => Organisations,
            _ when regionCode.EndsWith("0000", StringComparison.Ordinal) => Organisations.Where(o => o.ProvinceCode == regionCode).ToList(),
            _ when regionCode.EndsWith("00", StringComparison.Ordinal) => Organisations.Where(o => o.PrefectureCode == regionCode).ToList(),
            _ => Organisations.Where(o => o.CountyCode == regionCode).ToList(),
        };

        public IReadOnlyList<OrganisationStanding> BehindPace() =>
            Organisations.Where(o => o.IsBehindPace).OrderBy(o => o.PaceRate).ThenBy(o => o.OrganisationId).ToList();

        /// <summary>Bound organisations without an approved filing (none, waiting for review, or returned).</summary>
        public IReadOnlyList<OrganisationStanding> WithoutFiling() =>
            Organisations.Where(o => o.IsBound && o.HasNoApprovedFiling).OrderBy(o => o.FilingStatus.HasValue).ThenBy(o => o.CountyCode).ThenBy(o => o.Name).ToList();
    }

    public enum RankBy { Completion, Amount, Pace }

    public static IReadOnlyList<OrganisationStanding> Rank(IEnumerable<OrganisationStanding> rows, RankBy by, bool descending)
    {
        var withQuota = rows.Where(r => r.HasQuota);
        Func<OrganisationStanding, decimal> key = by switch
        {
            RankBy.Amount => r => r.CountedFen,
            RankBy.Pace => r => r.PaceRate ?? 0,
            _ => r => r.CompletionRate ?? 0,
        };
        var ordered = descending ? withQuota.OrderByDescending(key) : withQuota.OrderBy(key);
        return ordered.ThenBy(r => r.OrganisationId).ToList();
    }

    public DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    public Task<Snapshot> LoadAsync(int year, CancellationToken ct = default) => LoadAsync(year, null, ct);

    /// <summary>
    /// <see cref="Snapshot.InRegion"/> of a county's code, reading only that county's organisations; a code ending in
    /// 00, which InRegion reads as a prefecture or province, is read from the whole snapshot as it always was.
    /// </summary>
    public async Task<IReadOnlyList<OrganisationStanding>> InCountyAsync(int year, string countyCode, CancellationToken ct = default) =>
        countyCode.EndsWith("00", StringComparison.Ordinal)
            ? (await LoadAsync(year, ct)).InRegion(countyCode)
            : (await LoadAsync(year, countyCode, ct)).Organisations;

    /// <summary>
    /// With <paramref name="countyCode"/>, only that county's organisations, with the filings and totals that make
    /// their figures (theirs, and those of the organisations sharing their canteen): a county's list reads its own.
    /// </summary>
    private async Task<Snapshot> LoadAsync(int year, string? countyCode, CancellationToken ct = default)
    {
        var today = Today;
        var inCounty = countyCode is not null;
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Status == VerificationStatus.Verified && (!inCounty || o.RegionCode == countyCode))
            .Select(o => new
            {
                o.Id, o.Name, o.Type, o.RegionCode, CountyName = o.Region.Name,
                o.Region.PrefectureCode, o.Region.PrefectureName, o.Region.ProvinceCode, o.Region.ProvinceName,
            })
            .ToListAsync(ct);
        var filings = await db.CanteenFilings.AsNoTracking()
            .Where(f => f.Year == year && (!inCounty || f.Organisation.RegionCode == countyCode || f.SharedWithOrganisation!.RegionCode == countyCode))
            .Select(f => new { f.OrganisationId, f.Kind, f.Status, f.SharedWithOrganisationId, f.AppliedRatioBasisPoints, f.ReservedFen })
            .ToDictionaryAsync(f => f.OrganisationId, ct);
        var totals = await db.QuotaMonthlyTotals.AsNoTracking()
            .Where(t => t.Year == year && (!inCounty
                || db.Organisations.Any(o => o.Id == t.OrganisationId && o.RegionCode == countyCode)
                || db.CanteenFilings.Any(f => f.OrganisationId == t.OrganisationId && f.Year == year && f.SharedWithOrganisation!.RegionCode == countyCode)))
            .GroupBy(t => t.OrganisationId)
            .Select(g => new { OrganisationId = g.Key, AmountFen = g.Sum(t => t.AmountFen) })
            .ToDictionaryAsync(t => t.OrganisationId, t => t.AmountFen, ct);

        // Purchases of an organisation that shares another's canteen (approved) count towards the host.
        var counted = new Dictionary<int, long>(totals);
        foreach (var filing in filings.Values.Where(f => f.Status == FilingStatus.Approved && f.Kind == FilingKind.SharesCanteen && f.SharedWithOrganisationId is not null))
        {
            if (!counted.Remove(filing.OrganisationId, out var amount)) continue;
            counted[filing.SharedWithOrganisationId!.Value] = counted.GetValueOrDefault(filing.SharedWithOrganisationId.Value) + amount;
        }

        var rows = organisations.Select(o =>
        {
            filings.TryGetValue(o.Id, out var f);
            var reserved = f is { Status: FilingStatus.Approved } ? f.ReservedFen ?? 0 : 0;
            return new OrganisationStanding(o.Id, o.Name, o.Type, o.RegionCode, o.CountyName, o.PrefectureCode, o.PrefectureName,
                o.ProvinceCode, o.ProvinceName, f?.Kind, f?.Status, f?.SharedWithOrganisationId, f?.AppliedRatioBasisPoints,
                reserved, counted.GetValueOrDefault(o.Id), ReservedQuota.Pace(reserved, year, today));
        }).ToList();
        return new Snapshot(year, today, rows);
    }

    /// <summary>
    /// The dashboard's figures for a year: the whole, each organisation type, one level of the region drill-down (as
    /// <see cref="Snapshot.ByRegion"/> gives it) and the number behind pace with no active agreement (neither their own
    /// nor one of an organisation sharing their canteen). Equal to the projections of <see cref="LoadAsync"/> (same
    /// rules: approved sharers' purchases count towards the host, pace per organisation as <see cref="ReservedQuota.Pace"/>),
    /// from one statement that gives each organisation as a few numbers and its region's keys, added up as they are read.
    /// </summary>
    public sealed record Summary(int Year, DateOnly Today, StandingGroup Total, IReadOnlyList<StandingGroup> ByType,
        IReadOnlyList<StandingGroup> ByRegion, int BehindWithoutAgreement);

    /// <summary>A group's figures while its organisations are read.</summary>
    private sealed class Tally
    {
        private int _organisations, _withQuota, _behindPace;
        private long _reservedFen, _countedFen, _paceFen;
        public int BehindWithoutAgreement { get; private set; }

        /// <param name="quotaFen">The organisation's quota, 0 without one.</param>
        /// <param name="covered">Whether it, or one sharing its canteen, has an active agreement.</param>
        public void Add(long quotaFen, long countedFen, long paceFen, bool covered)
        {
            _organisations++;
            if (quotaFen <= 0) return;
            _withQuota++;
            _reservedFen += quotaFen;
            _countedFen += countedFen;
            _paceFen += paceFen;
            if (countedFen >= paceFen) return;
            _behindPace++;
            if (!covered) BehindWithoutAgreement++;
        }

        public StandingGroup Group(string key, string name) =>
            new(key, name, _organisations, _withQuota, _reservedFen, _countedFen, _paceFen, _behindPace);
    }

    public async Task<Summary> SummaryAsync(int year, string? regionCode, CancellationToken ct = default)
    {
        var today = Today;
        // The drill-down's level below the region: 1 prefectures (or a province's own counties), 2 counties, 0 none.
        var region = regionCode ?? "";
        var level = region.Length == 0 ? 0 : region.EndsWith("0000", StringComparison.Ordinal) ? 1 : region.EndsWith("00", StringComparison.Ordinal) ? 2 : 0;
        int verified = (int)VerificationStatus.Verified, approved = (int)FilingStatus.Approved, canteen = (int)FilingKind.Canteen,
            shares = (int)FilingKind.SharesCanteen, active = (int)Demand.AgreementStatus.Active;
        // Each organisation's year is one row of QuotaYearlyTotals, so every table is joined on plain keys and each
        // database picks its own way (hash joins on PostgreSQL, index seeks on SQLite). The rows are added up here,
        // not by a GROUP BY: sorting 5,000 rows for it cost SQLite more than the joins, and PostgreSQL about as much.
        // The hosts of approved sharers (with what their sharers bought) and the organisations with an agreement of
        // their own or of a sharer are few: the same command reads them first, and they are looked up here rather
        // than joined to every organisation (a fifth of SQLite's statement).
        FormattableString sql = $"""
            SELECT s."SharedWithOrganisationId", CAST(SUM(y."AmountFen") AS BIGINT)
            FROM "CanteenFilings" s
            JOIN "QuotaYearlyTotals" y ON y."OrganisationId" = s."OrganisationId" AND y."Year" = {year}
            WHERE s."Year" = {year} AND s."Status" = {approved} AND s."Kind" = {shares} AND s."SharedWithOrganisationId" IS NOT NULL
            GROUP BY s."SharedWithOrganisationId";
            SELECT a."OrganisationId" FROM "SupplyAgreements" a WHERE a."Status" = {active} AND a."EndDate" >= {today}
            UNION
            SELECT s."SharedWithOrganisationId" FROM "CanteenFilings" s JOIN "Organisations" v ON v."Id" = s."OrganisationId"
            WHERE s."Year" = {year} AND s."Status" = {approved} AND s."Kind" = {shares} AND s."SharedWithOrganisationId" IS NOT NULL
              AND v."Status" = {verified}
              AND EXISTS (SELECT 1 FROM "SupplyAgreements" a WHERE a."OrganisationId" = s."OrganisationId" AND a."Status" = {active} AND a."EndDate" >= {today});
            WITH "Standings" AS (
                SELECT o."Id", o."Type", d."ProvinceCode", d."ProvinceName",
                    CASE WHEN {level} = 1 AND d."ProvinceCode" = {region} THEN COALESCE(d."PrefectureCode", d."Code")
                         WHEN {level} = 2 AND d."PrefectureCode" = {region} THEN d."Code" END AS "AreaCode",
                    CASE WHEN {level} = 1 AND d."ProvinceCode" = {region} THEN (CASE WHEN d."PrefectureCode" IS NULL THEN d."Name" ELSE COALESCE(d."PrefectureName", d."PrefectureCode") END)
                         WHEN {level} = 2 AND d."PrefectureCode" = {region} THEN d."Name" END AS "AreaName",
                    CASE WHEN f."Status" = {approved} AND f."Kind" = {canteen} AND f."ReservedFen" > 0 THEN f."ReservedFen" ELSE 0 END AS "QuotaFen",
                    CASE WHEN f."Status" = {approved} AND f."Kind" = {shares} AND f."SharedWithOrganisationId" IS NOT NULL THEN 0 ELSE COALESCE(y."AmountFen", 0) END AS "OwnFen"
                FROM "Organisations" o
                CROSS JOIN "Divisions" d /* names */
                LEFT JOIN "CanteenFilings" f ON f."OrganisationId" = o."Id" AND f."Year" = {year}
                LEFT JOIN "QuotaYearlyTotals" y ON y."OrganisationId" = o."Id" AND y."Year" = {year}
                WHERE d."Code" = o."RegionCode" AND o."Status" = {verified})
            SELECT "Id", "Type", "ProvinceCode", "ProvinceName", "AreaCode", "AreaName", "QuotaFen", "OwnFen" FROM "Standings"
            """;

        var total = new Tally();
        var types = new Dictionary<OrganisationType, Tally>();
        // Regions by code, named by the first of their organisations read: the reference data gives a code one name,
        // and reading two strings for each of 5,000 rows was a fifth of the dashboard's time on SQLite.
        var regions = new Dictionary<string, (string Name, Tally Tally)>(StringComparer.Ordinal);
        // Read by column through EF's command (so it is logged and its parameters typed as SqlQuery's are): EF's
        // materializer cost SQLite's dashboard about 4 ms a request over these 5,000 rows.
        // SQLite reads each county's names from IX_Divisions_Code_Names, without the table's row, only when told to (it
        // has no statistics for the index unless ANALYZE ran): about a millisecond of the statement's six. Its CROSS
        // JOIN keeps the organisations as the outer loop; PostgreSQL plans a CROSS JOIN with its WHERE as any join.
        // Kept prepared: SQLite took about 0.2 ms of the 9.4 to prepare these three statements, each time.
        var text = KeptStatement.TaggedText + (db.Database.ProviderName?.Contains("Sqlite", StringComparison.Ordinal) == true ? sql.Format.Replace("/* names */", "INDEXED BY \"IX_Divisions_Code_Names\"", StringComparison.Ordinal) : sql.Format);
        var command = db.GetService<IRawSqlCommandBuilder>().Build(text, sql.GetArguments()!, db.Model);
        await using (var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), ct))
        {
            var row = reader.DbDataReader;
            // The groups' code and name: the province's at the top, else the area drilled into.
            var (code, name) = level == 0 && region.Length == 0 ? (2, 3) : (4, 5);
            var hosted = new Dictionary<int, long>();
            while (await row.ReadAsync(ct)) hosted[row.GetInt32(0)] = row.GetInt64(1);
            await row.NextResultAsync(ct);
            var covered = new HashSet<int>();
            while (await row.ReadAsync(ct)) covered.Add(row.GetInt32(0));
            await row.NextResultAsync(ct);
            while (await row.ReadAsync(ct))
            {
                var id = row.GetInt32(0);
                var (quota, counted, hasAgreement) = (row.GetInt64(6), row.GetInt64(7) + hosted.GetValueOrDefault(id), covered.Contains(id));
                var pace = quota > 0 ? ReservedQuota.Pace(quota, year, today) : 0;
                total.Add(quota, counted, pace, hasAgreement);
                Of(types, (OrganisationType)row.GetInt32(1)).Add(quota, counted, pace, hasAgreement);
                if (row.IsDBNull(code)) continue;
                var key = row.GetString(code);
                if (!regions.TryGetValue(key, out var group))
                    regions[key] = group = (row.IsDBNull(name) ? key : row.GetString(name), new Tally());
                group.Tally.Add(quota, counted, pace, hasAgreement);
            }
        }
        return new Summary(year, today, total.Group("", ""),
            types.OrderBy(t => t.Key).Select(t => t.Value.Group(t.Key.ToString(), t.Key.ToString())).ToList(),
            regions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Tally.Group(r.Key, r.Value.Name)).ToList(),
            total.BehindWithoutAgreement);

        static Tally Of<TKey>(Dictionary<TKey, Tally> tallies, TKey key) where TKey : notnull
        {
            if (!tallies.TryGetValue(key, out var tally)) tallies[key] = tally = new Tally();
            return tally;
        }
    }

    /// <summary>
    /// What agreements add (per organisation that signed them) to the organisations with a quota, as
    /// <see cref="Demand.AgreementOutlook.Of"/> adds it: a verified organisation sharing a canteen (approved filing)
    /// adds towards its host, and only what reaches a verified organisation with a quota counts. Nothing is read
    /// when nothing is added.
    /// </summary>
    public async Task<long> AddedToQuotasAsync(int year, IReadOnlyDictionary<int, long> addedByOrganisation, CancellationToken ct = default)
    {
        if (addedByOrganisation.Count == 0) return 0;
        var signers = addedByOrganisation.Keys.ToList();
        // A signer with no filing this year, or not verified, neither shares a canteen nor has a quota: it adds nothing.
        var filings = await db.CanteenFilings.AsNoTracking()
            .Where(f => f.Year == year && signers.Contains(f.OrganisationId) && f.Organisation.Status == VerificationStatus.Verified)
            .Select(f => new
            {
                f.OrganisationId,
                OwnQuota = f.Status == FilingStatus.Approved && f.Kind == FilingKind.Canteen && f.ReservedFen > 0,
                HostId = f.Status == FilingStatus.Approved && f.Kind == FilingKind.SharesCanteen ? f.SharedWithOrganisationId : null,
                HostQuota = f.Status == FilingStatus.Approved && f.Kind == FilingKind.SharesCanteen && db.CanteenFilings.Any(h =>
                    h.OrganisationId == f.SharedWithOrganisationId && h.Year == year && h.Status == FilingStatus.Approved && h.Kind == FilingKind.Canteen
                    && h.ReservedFen > 0 && h.Organisation.Status == VerificationStatus.Verified),
            })
            .ToListAsync(ct);
        var adds = new Dictionary<int, long>();
        var withQuota = new HashSet<int>();
        foreach (var f in filings)
        {
            var towards = f.HostId ?? f.OrganisationId;
            adds[towards] = adds.GetValueOrDefault(towards) + addedByOrganisation[f.OrganisationId];
            if (f.HostId is null ? f.OwnQuota : f.HostQuota) withQuota.Add(towards);
        }
        return withQuota.Sum(o => adds[o]);
    }

    /// <summary>The year's counted amount per month and organisation type, for the trend charts, in one grouped query.</summary>
    public async Task<IReadOnlyDictionary<OrganisationType, long[]>> MonthlyByTypeAsync(int year, CancellationToken ct = default)
    {
        var rows = await db.QuotaMonthlyTotals.AsNoTracking()
            .Where(t => t.Year == year)
            .Join(db.Organisations, t => t.OrganisationId, o => o.Id, (t, o) => new { o.Type, t.Month, t.AmountFen })
            .GroupBy(x => new { x.Type, x.Month })
            .Select(g => new { g.Key.Type, g.Key.Month, AmountFen = g.Sum(x => x.AmountFen) })
            .ToListAsync(ct);
        var result = Enum.GetValues<OrganisationType>().ToDictionary(t => t, _ => new long[12]);
        foreach (var r in rows) result[r.Type][r.Month - 1] = r.AmountFen;
        return result;
    }

    /// <summary>The months of all types added up.</summary>
    public static long[] AllTypes(IReadOnlyDictionary<OrganisationType, long[]> byType) =>
        Enumerable.Range(0, 12).Select(m => byType.Values.Sum(months => months[m])).ToArray();

    /// <summary>A county or a supplier with the money that reached it; <see cref="CountyCode"/> is shown small beside the county's name.</summary>
    public sealed record ImpactRow(string Key, string Name, string? Detail, long AmountFen, int Entries, string? CountyCode = null);

    /// <summary>The money of the year that reached each county.</summary>
    public async Task<IReadOnlyList<ImpactRow>> ByCountyAsync(int year, CancellationToken ct = default)
    {
        var rows = await db.QuotaImpactTotals.AsNoTracking()
            .Where(t => t.Year == year && t.CountyCode != QuotaImpactTotal.NoCounty)
            .GroupBy(t => t.CountyCode)
            .Select(g => new { CountyCode = g.Key, AmountFen = g.Sum(t => t.AmountFen), Entries = g.Sum(t => t.EntryCount) })
            .ToListAsync(ct);
        var codes = rows.Select(r => r.CountyCode).ToList();
        var names = await db.Divisions.AsNoTracking().Where(d => codes.Contains(d.Code))
            .ToDictionaryAsync(d => d.Code, d => new { d.Name, d.ProvinceName, d.PrefectureName }, ct);
        return rows.Select(r => names.TryGetValue(r.CountyCode, out var n)
                ? new ImpactRow(r.CountyCode, n.Name, $"{n.ProvinceName} {n.PrefectureName}".Trim(), r.AmountFen, r.Entries, r.CountyCode)
                : new ImpactRow(r.CountyCode, r.CountyCode, null, r.AmountFen, r.Entries))
            .OrderByDescending(r => r.AmountFen).ThenBy(r => r.Key).ToList();
    }

    /// <summary>The money of the year that reached each supplier (cooperative, enterprise, farm).</summary>
    public async Task<IReadOnlyList<ImpactRow>> BySupplierAsync(int year, CancellationToken ct = default)
    {
        var rows = await db.QuotaImpactTotals.AsNoTracking()
            .Where(t => t.Year == year && t.SupplierId != QuotaImpactTotal.NoSupplier)
            .GroupBy(t => t.SupplierId)
            .Select(g => new { SupplierId = g.Key, AmountFen = g.Sum(t => t.AmountFen), Entries = g.Sum(t => t.EntryCount) })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.SupplierId).ToList();
        // The supplier's county by its name, as admins know it; the code beside it for those who file by codes.
        var names = await db.Suppliers.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new { s.Id, s.Name, s.CountyCode, CountyName = db.Divisions.Where(d => d.Code == s.CountyCode).Select(d => d.Name).FirstOrDefault() })
            .ToDictionaryAsync(s => s.Id, ct);
        return rows.Select(r => names.TryGetValue(r.SupplierId, out var n)
                ? new ImpactRow(r.SupplierId.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Name, n.CountyName ?? n.CountyCode, r.AmountFen, r.Entries, n.CountyCode)
                : new ImpactRow(r.SupplierId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"#{r.SupplierId}", null, r.AmountFen, r.Entries))
            .OrderByDescending(r => r.AmountFen).ThenBy(r => r.Name).ToList();
    }
}
