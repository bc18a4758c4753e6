using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Quotas;

namespace Storefront.Platform832.Orders;

/// <summary>
/// Imported 832 orders as a source of quota entries, for reconciliation. Each ledger key of an order names the
/// platform's revision and the amount it brought the order to ("832:{orderNo}:r{revision}:paid:{level}",
/// "…:refund:{level}"; keys written before revisions lack the "r" part), so the entries an order should have are
/// recomputed from those levels in the order they were reached: each is worth its step from the previous level, and
/// the last level must be what the platform last said (paid, when the supplier's county was designated at the
/// payment, and refunded of that). An entry whose amount is not its step, or an order whose last level is not the
/// platform's figure, is drift.
/// </summary>
public sealed class Platform832EntrySource(StorefrontDbContext db) : IQuotaEntrySource
{
    public string Name => "platform832";
    public IReadOnlyCollection<QuotaEntryKind> Kinds { get; } = [QuotaEntryKind.Platform832Order];

    public async IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, [EnumeratorCancellation] CancellationToken ct)
    {
        var entries = (await db.QuotaEntries.AsNoTracking()
                .Where(e => e.Kind == QuotaEntryKind.Platform832Order)
                .OrderBy(e => e.Id)
                .Select(e => new { e.SourceKey, e.OccurredAtUtc, e.Year })
                .ToListAsync(ct))
            .Select(e => (Key: Parse(e.SourceKey), e.SourceKey, e.OccurredAtUtc, e.Year))
            .Where(e => e.Key is not null)
            .GroupBy(e => e.Key!.Value.OrderNo)
            .ToDictionary(g => g.Key, g => g.ToList());
        var orders = await db.Platform832Orders.AsNoTracking().Where(o => o.OrganisationId != null).ToListAsync(ct);
        var supplierIds = orders.Where(o => o.SupplierId != null).Select(o => o.SupplierId!.Value).Distinct().ToList();
        var countyOf = await db.Suppliers.AsNoTracking().Where(s => supplierIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.CountyCode, ct);
        var codes = countyOf.Values.Distinct().ToList();
        var periods = (await db.DesignatedCounties.AsNoTracking().Where(c => codes.Contains(c.CountyCode))
                .Select(c => new { c.CountyCode, c.AddedAtUtc, c.RemovedAtUtc }).ToListAsync(ct))
            .ToLookup(c => c.CountyCode);
        foreach (var order in orders)
        {
            var (paid, refunded) = OrderImport.CountedTargets(order);
            // Money towards a county counts only if it was designated when the order was paid (the ledger's rule).
            var paidAt = order.PaidAtUtc ?? order.PlatformUpdatedAtUtc;
            if (paid > 0 && order.SupplierId is { } supplierId && countyOf.TryGetValue(supplierId, out var county)
                && !periods[county].Any(p => p.AddedAtUtc <= paidAt && (p.RemovedAtUtc == null || p.RemovedAtUtc > paidAt)))
                (paid, refunded) = (0, 0);
            var recorded = entries.GetValueOrDefault(order.OrderNo) ?? [];
            foreach (var (part, target, sign) in new[] { ("paid", paid, 1L), ("refund", refunded, -1L) })
            {
                var level = 0L;
                var reached = recorded.Where(e => e.Key!.Value.Part == part).ToList();
                foreach (var entry in reached)
                {
                    var step = entry.Key!.Value.Level - level;
                    level = entry.Key.Value.Level;
                    if (entry.Year == year && step != 0)
                        yield return new ExpectedEntry(entry.SourceKey, order.OrganisationId!.Value, sign * step, entry.OccurredAtUtc);
                }
                // The platform's figure was never reached: the entry that should bring the order there is missing.
                var missingOn = part == "paid" ? order.PaidAtUtc ?? order.PlatformUpdatedAtUtc : order.PlatformUpdatedAtUtc;
                if (level != target && Core.Money.ShanghaiTime.YearOf(missingOn) == year)
                {
                    var revision = OrderImport.Revision(order);
                    var key = part == "paid" ? OrderImport.PaidKey(order.OrderNo, revision, target) : OrderImport.RefundKey(order.OrderNo, revision, target);
                    yield return new ExpectedEntry(key, order.OrganisationId!.Value, sign * (target - level), missingOn);
                }
            }
        }
    }

    private static (string OrderNo, string Part, long Level)? Parse(string key)
    {
        var parts = key.Split(':');
        if (parts.Length < 4 || parts[0] != "832" || parts[^2] is not ("paid" or "refund")
            || !long.TryParse(parts[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level)) return null;
        // "r{revision}" before the part since revisions are in the key; older keys have none.
        var hasRevision = parts.Length >= 5 && parts[^3].Length > 1 && parts[^3][0] == 'r' && parts[^3][1..].All(char.IsAsciiDigit);
        return (string.Join(':', parts[1..(hasRevision ? ^3 : ^2)]), parts[^2], level);
    }
}
