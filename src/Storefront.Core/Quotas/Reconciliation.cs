using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Quotas;

/// <summary>An amount a source says the ledger should hold, under the source key it should hold it.</summary>
public sealed record ExpectedEntry(string SourceKey, int OrganisationId, long AmountFen, DateTime OccurredAtUtc, string? CountyCode = null);

/// <summary>
/// One source of quota entries (payments, refunds, imported 832 orders, admin corrections), able to say from its own
/// records which entries the ledger should hold. Registered in DI; the reconciliation asks every one of them.
/// </summary>
public interface IQuotaEntrySource
{
    /// <summary>A short name for reports: "payments", "refunds", "platform832", "corrections".</summary>
    string Name { get; }
    /// <summary>The kinds of ledger entries this source accounts for; an entry of these kinds that it does not expect is drift.</summary>
    IReadOnlyCollection<QuotaEntryKind> Kinds { get; }
    /// <summary>Every entry the source expects, dated in the year (Asia/Shanghai).</summary>
    IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, CancellationToken ct);
}

/// <summary>Admin corrections: each <see cref="QuotaCorrection"/> is the source of one entry.</summary>
public sealed class CorrectionEntrySource(StorefrontDbContext db) : IQuotaEntrySource
{
    public string Name => "corrections";
    public IReadOnlyCollection<QuotaEntryKind> Kinds { get; } = [QuotaEntryKind.AdminCorrection];

    public async IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (start, end) = Money.ShanghaiTime.YearBounds(year);
        var corrections = db.QuotaCorrections.AsNoTracking()
            .Where(c => c.CountsAtUtc >= start && c.CountsAtUtc < end)
            .Select(c => new { c.SourceKey, c.OrganisationId, c.AmountFen, c.CountsAtUtc })
            .AsAsyncEnumerable();
        await foreach (var c in corrections.WithCancellation(ct))
            yield return new ExpectedEntry(c.SourceKey, c.OrganisationId, c.AmountFen, c.CountsAtUtc);
    }
}

/// <summary>
/// Recomputes every organisation's counted amount for a year from the sources and compares it with the ledger and
/// with the monthly totals, and the monthly totals with the yearly ones. There must be no drift; when there is, the report says where, entry by entry.
/// Entries of kinds that no registered source accounts for are taken as the ledger has them and reported as unchecked.
/// </summary>
public sealed class QuotaReconciliation(StorefrontDbContext db, IEnumerable<IQuotaEntrySource> sources)
{
    public const int MaxFindings = 500;

    public enum FindingKind
    {
        /// <summary>The source has it, the ledger does not.</summary>
        MissingFromLedger,
        /// <summary>The ledger has an entry of the source's kinds that the source does not know.</summary>
        UnknownToSource,
        /// <summary>Both have the key, with another amount, organisation or year.</summary>
        Different,
        /// <summary>The monthly totals do not add up to the entries, or the yearly totals to the monthly ones.</summary>
        TotalsDrift,
    }

    public sealed record Finding(FindingKind Kind, string Source, string SourceKey, int OrganisationId, long LedgerFen, long ExpectedFen);

    public sealed record OrganisationDrift(int OrganisationId, string Name, long LedgerFen, long RecomputedFen, long TotalsFen)
    {
        public bool HasDrift => LedgerFen != RecomputedFen || LedgerFen != TotalsFen;
    }

    public sealed record Report(
        int Year,
        IReadOnlyList<string> Sources,
        int OrganisationsChecked,
        int EntriesChecked,
        int UncheckedEntries,
        long UncheckedFen,
        IReadOnlyList<OrganisationDrift> Drifts,
        IReadOnlyList<Finding> Findings,
        int FindingCount)
    {
        public bool IsClean => Drifts.Count == 0 && FindingCount == 0;
    }

    public async Task<Report> RunAsync(int year, CancellationToken ct = default)
    {
        var ledger = await db.QuotaEntries.AsNoTracking()
            .Where(e => e.Year == year)
            .Select(e => new { e.SourceKey, e.OrganisationId, e.Kind, e.AmountFen })
            .ToDictionaryAsync(e => e.SourceKey, ct);
        var ledgerByOrganisation = new Dictionary<int, long>();
        foreach (var e in ledger.Values) ledgerByOrganisation[e.OrganisationId] = ledgerByOrganisation.GetValueOrDefault(e.OrganisationId) + e.AmountFen;
        var recomputed = new Dictionary<int, long>();
        var findings = new List<Finding>();
        var findingCount = 0;
        void Add(Finding f)
        {
            findingCount++;
            if (findings.Count < MaxFindings) findings.Add(f);
        }

        var covered = new HashSet<QuotaEntryKind>();
        var sourceList = sources.ToList();
        foreach (var source in sourceList)
        {
            covered.UnionWith(source.Kinds);
            var seen = new HashSet<string>();
            await foreach (var expected in source.ExpectedAsync(year, ct).WithCancellation(ct))
            {
                if (!seen.Add(expected.SourceKey)) continue;
                recomputed[expected.OrganisationId] = recomputed.GetValueOrDefault(expected.OrganisationId) + expected.AmountFen;
                if (!ledger.TryGetValue(expected.SourceKey, out var entry))
                    Add(new Finding(FindingKind.MissingFromLedger, source.Name, expected.SourceKey, expected.OrganisationId, 0, expected.AmountFen));
                else if (entry.AmountFen != expected.AmountFen || entry.OrganisationId != expected.OrganisationId)
                    Add(new Finding(FindingKind.Different, source.Name, expected.SourceKey, entry.OrganisationId, entry.AmountFen, expected.AmountFen));
            }
            foreach (var entry in ledger.Values.Where(e => source.Kinds.Contains(e.Kind) && !seen.Contains(e.SourceKey)))
                Add(new Finding(FindingKind.UnknownToSource, source.Name, entry.SourceKey, entry.OrganisationId, entry.AmountFen, 0));
        }

        var uncheckedEntries = 0;
        var uncheckedFen = 0L;
        foreach (var entry in ledger.Values.Where(e => !covered.Contains(e.Kind)))
        {
            uncheckedEntries++;
            uncheckedFen += entry.AmountFen;
            recomputed[entry.OrganisationId] = recomputed.GetValueOrDefault(entry.OrganisationId) + entry.AmountFen;
        }

        var totals = await db.QuotaMonthlyTotals.AsNoTracking().Where(t => t.Year == year)
            .GroupBy(t => t.OrganisationId)
            .Select(g => new { OrganisationId = g.Key, AmountFen = g.Sum(t => t.AmountFen) })
            .ToDictionaryAsync(t => t.OrganisationId, t => t.AmountFen, ct);

        var ids = ledgerByOrganisation.Keys.Union(recomputed.Keys).Union(totals.Keys).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var drifts = new List<OrganisationDrift>();
        foreach (var id in ids.Order())
        {
            var drift = new OrganisationDrift(id, names.GetValueOrDefault(id, $"#{id}"), ledgerByOrganisation.GetValueOrDefault(id), recomputed.GetValueOrDefault(id), totals.GetValueOrDefault(id));
            if (!drift.HasDrift) continue;
            drifts.Add(drift);
            if (drift.LedgerFen != drift.TotalsFen)
                Add(new Finding(FindingKind.TotalsDrift, "totals", $"totals:{id}:{year}", id, drift.LedgerFen, drift.TotalsFen));
        }
        // The year's totals that the dashboard reads are the months added up by the database's triggers; a row
        // edited by hand, or a table rebuilt without its triggers, shows here.
        var yearly = await db.QuotaYearlyTotals.AsNoTracking().Where(t => t.Year == year)
            .ToDictionaryAsync(t => t.OrganisationId, t => t.AmountFen, ct);
        foreach (var id in totals.Keys.Union(yearly.Keys).Order())
        {
            if (totals.GetValueOrDefault(id) != yearly.GetValueOrDefault(id) || totals.ContainsKey(id) != yearly.ContainsKey(id))
                Add(new Finding(FindingKind.TotalsDrift, "yearly totals", $"yearly:{id}:{year}", id, totals.GetValueOrDefault(id), yearly.GetValueOrDefault(id)));
        }
        return new Report(year, sourceList.Select(s => s.Name).ToList(), ids.Count, ledger.Count, uncheckedEntries, uncheckedFen, drifts, findings, findingCount);
    }
}
