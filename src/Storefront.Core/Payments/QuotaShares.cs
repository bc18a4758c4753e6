using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Quotas;

namespace Storefront.Core.Payments;

/// <summary>
/// How an order's money splits over the origin counties that counted towards the quota, so that a refund subtracts
/// from the counties its payment added to. Which counties counted is read from the payment's own ledger entries (as
/// <see cref="Ordering.PaymentConfirmation"/> wrote them at confirmation), never from today's list of designated
/// counties: a county taken off the list later still gets its refunds subtracted. Refunds are split cumulatively: the k-th refund
/// takes split(all refunds up to k) − split(those before), so that refunds adding up to the whole order subtract
/// exactly what the payment added, fen for fen. Both the ledger writes and the reconciliation sources use this.
/// </summary>
public static class QuotaShares
{
    public sealed record CountyAmount(string CountyCode, long AmountFen, bool Counted);

    /// <summary>
    /// The order's amount by origin county, and whether each county counted: whether the payment's confirmation put an
    /// entry for the order and county in the ledger.
    /// </summary>
    public static async Task<IReadOnlyList<CountyAmount>> OfPaymentAsync(StorefrontDbContext db, long paymentId, long orderId, CancellationToken ct) =>
        (await OfPaymentsAsync(db, [(paymentId, orderId)], ct))[(paymentId, orderId)];

    /// <summary>
    /// As <see cref="OfPaymentAsync"/> for many payments' orders at once, in two statements whatever their number (the
    /// reconciliation asks for every refund of a year).
    /// </summary>
    public static async Task<IReadOnlyDictionary<(long PaymentId, long OrderId), IReadOnlyList<CountyAmount>>> OfPaymentsAsync(
        StorefrontDbContext db, IReadOnlyCollection<(long PaymentId, long OrderId)> payments, CancellationToken ct)
    {
        var orderIds = payments.Select(p => p.OrderId).Distinct().ToList();
        var byCounty = (await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId))
            .GroupBy(l => new { l.OrderId, l.OriginCountyCode })
            .Select(g => new { g.Key.OrderId, CountyCode = g.Key.OriginCountyCode, AmountFen = g.Sum(l => l.AmountFen) })
            .ToListAsync(ct)).ToLookup(c => c.OrderId);
        var counted = (await db.QuotaEntries.AsNoTracking()
            .Where(e => e.OrderId != null && orderIds.Contains(e.OrderId.Value) && e.Kind == QuotaEntryKind.PaymentConfirmed)
            .Select(e => e.SourceKey).ToListAsync(ct)).ToHashSet();
        return payments.Distinct().ToDictionary(p => p, IReadOnlyList<CountyAmount> (p) => byCounty[p.OrderId]
            .OrderBy(c => c.CountyCode, StringComparer.Ordinal)
            .Select(c => new CountyAmount(c.CountyCode, c.AmountFen, counted.Contains(Ordering.PaymentConfirmation.SourceKey(p.PaymentId, p.OrderId, c.CountyCode))))
            .ToList());
    }

    /// <summary>
    /// Splits an amount over the counties in proportion to their amounts, in whole fen: rounded down, then the fen
    /// left over go to the largest remainders (ties by county code). The parts add up to the amount exactly.
    /// </summary>
    public static IReadOnlyDictionary<string, long> Split(IReadOnlyList<CountyAmount> counties, long amountFen)
    {
        var total = counties.Sum(c => c.AmountFen);
        var result = new Dictionary<string, long>();
        if (total <= 0) return result;
        var parts = counties.Select(c =>
        {
            var exact = (Int128)amountFen * c.AmountFen;
            return (c.CountyCode, Floor: (long)(exact / total), Remainder: (long)(exact % total));
        }).ToList();
        var left = amountFen - parts.Sum(p => p.Floor);
        foreach (var (code, floor, _) in parts) result[code] = floor;
        foreach (var p in parts.OrderByDescending(p => p.Remainder).ThenBy(p => p.CountyCode, StringComparer.Ordinal).Take((int)left))
            result[p.CountyCode]++;
        return result;
    }

    /// <summary>
    /// What one refund subtracts from each counted county, given the refunds that succeeded before it: a negative
    /// amount per county, counties that did not count left out.
    /// </summary>
    public static IReadOnlyDictionary<string, long> OfRefund(IReadOnlyList<CountyAmount> counties, long refundedBeforeFen, long refundFen)
    {
        var before = Split(counties, refundedBeforeFen);
        var after = Split(counties, refundedBeforeFen + refundFen);
        return counties.Where(c => c.Counted)
            .Select(c => (c.CountyCode, Amount: -(after.GetValueOrDefault(c.CountyCode) - before.GetValueOrDefault(c.CountyCode))))
            .Where(x => x.Amount != 0)
            .ToDictionary(x => x.CountyCode, x => x.Amount);
    }

    public static string RefundSourceKey(long refundId, string countyCode) => $"refund:{refundId}:county:{countyCode}";

    /// <summary>The entry that gives back what a refund subtracted from a county, when the refund fails after it succeeded.</summary>
    public static string ReversalSourceKey(long refundId, string countyCode) => $"refund:{refundId}:reversed:county:{countyCode}";
}
