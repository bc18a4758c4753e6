using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Quotas;

namespace Storefront.Platform832.Orders;

/// <summary>
/// Imported 832 orders as a source of quota entries, for reconciliation. Each ledger key of an order names the amount
/// it brought the order to ("832:{orderNo}:paid:{level}", "…:refund:{level}"), so the entries an order should have
/// are recomputed from those levels in the order they were reached: each is worth its step from the previous level,
/// and the last level must be what the platform last said (paid, and refunded of that). An entry whose amount is not
/// its step, or an order whose last level is not the platform's figure, is drift.
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
        foreach (var order in orders)
        {
            var (paid, refunded) = OrderImport.CountedTargets(order);
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
                    var key = part == "paid" ? OrderImport.PaidKey(order.OrderNo, target) : OrderImport.RefundKey(order.OrderNo, target);
                    yield return new ExpectedEntry(key, order.OrganisationId!.Value, sign * (target - level), missingOn);
                }
            }
        }
    }

    private static (string OrderNo, string Part, long Level)? Parse(string key)
    {
        var parts = key.Split(':');
        return parts.Length >= 4 && parts[0] == "832" && parts[^2] is "paid" or "refund"
            && long.TryParse(parts[^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var level)
            ? (string.Join(':', parts[1..^2]), parts[^2], level)
            : null;
    }
}
