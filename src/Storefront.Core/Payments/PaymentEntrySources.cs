using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Quotas;

namespace Storefront.Core.Payments;

/// <summary>
/// Confirmed payments as a source of quota entries: each order a payment paid, by origin county, for the counties
/// designated when the payment was recorded, dated at the payment (the rule <see cref="PaymentConfirmation"/> applies).
/// </summary>
public sealed class PaymentEntrySource(StorefrontDbContext db) : IQuotaEntrySource
{
    public string Name => "payments";
    public IReadOnlyCollection<QuotaEntryKind> Kinds { get; } = [QuotaEntryKind.PaymentConfirmed];

    public async IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, [EnumeratorCancellation] CancellationToken ct)
    {
        var (start, end) = ShanghaiTime.YearBounds(year);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.PaidAtUtc >= start && p.PaidAtUtc < end)
            .Select(p => new { p.Id, p.PaidAtUtc, p.RecordedAtUtc })
            .ToDictionaryAsync(p => p.Id, ct);
        var ids = payments.Keys.ToList();
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PaymentId != null && ids.Contains(o.PaymentId.Value))
            .Select(o => new { o.Id, PaymentId = o.PaymentId!.Value, o.OrganisationId })
            .ToDictionaryAsync(o => o.Id, ct);
        var orderIds = orders.Keys.ToList();
        var lines = (await db.OrderLines.AsNoTracking().Where(l => orderIds.Contains(l.OrderId))
                .Select(l => new { l.OrderId, l.OriginCountyCode, l.AmountFen }).ToListAsync(ct))
            .Select(l => new { orders[l.OrderId].PaymentId, l.OrderId, orders[l.OrderId].OrganisationId, l.OriginCountyCode, l.AmountFen })
            .ToList();
        var codes = lines.Select(l => l.OriginCountyCode).Distinct().ToList();
        var periods = (await db.DesignatedCounties.AsNoTracking().Where(c => codes.Contains(c.CountyCode))
                .Select(c => new { c.CountyCode, c.AddedAtUtc, c.RemovedAtUtc }).ToListAsync(ct))
            .ToLookup(c => c.CountyCode);
        bool DesignatedAt(string code, DateTime at) => periods[code].Any(p => p.AddedAtUtc <= at && (p.RemovedAtUtc is null || p.RemovedAtUtc > at));
        foreach (var g in lines.GroupBy(l => (l.PaymentId, l.OrderId, l.OriginCountyCode)).OrderBy(g => g.Key.PaymentId).ThenBy(g => g.Key.OrderId))
        {
            var payment = payments[g.Key.PaymentId];
            if (!DesignatedAt(g.Key.OriginCountyCode, payment.RecordedAtUtc)) continue;
            yield return new ExpectedEntry(PaymentConfirmation.SourceKey(g.Key.PaymentId, g.Key.OrderId, g.Key.OriginCountyCode),
                g.First().OrganisationId, g.Sum(l => l.AmountFen), payment.PaidAtUtc, g.Key.OriginCountyCode);
        }
    }
}

/// <summary>
/// Refunds that succeeded as a source of quota entries: each one split over the counties its payment counted, on top
/// of what the order's earlier refunds gave back (<see cref="QuotaShares"/>), dated when it was made; and for a refund
/// that failed after it had succeeded, the same amounts given back, dated when the failure was reported.
/// </summary>
public sealed class RefundEntrySource(StorefrontDbContext db) : IQuotaEntrySource
{
    public string Name => "refunds";
    public IReadOnlyCollection<QuotaEntryKind> Kinds { get; } = [QuotaEntryKind.Refund, QuotaEntryKind.RefundReversed];

    public async IAsyncEnumerable<ExpectedEntry> ExpectedAsync(int year, [EnumeratorCancellation] CancellationToken ct)
    {
        var (start, end) = ShanghaiTime.YearBounds(year);
        var reversed = await db.Refunds.AsNoTracking()
            .Where(r => r.ReversedAtUtc >= start && r.ReversedAtUtc < end)
            .OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.OrderId, r.PaymentId, r.AmountFen, r.RefundedBeforeFen, ReversedAtUtc = r.ReversedAtUtc!.Value, r.Order.OrganisationId })
            .ToListAsync(ct);
        var sharesOfReversed = await QuotaShares.OfPaymentsAsync(db, reversed.Select(r => (r.PaymentId, r.OrderId)).ToList(), ct);
        foreach (var refund in reversed)
        {
            var counties = sharesOfReversed[(refund.PaymentId, refund.OrderId)];
            foreach (var (county, amount) in QuotaShares.OfRefund(counties, refund.RefundedBeforeFen, refund.AmountFen))
                yield return new ExpectedEntry(QuotaShares.ReversalSourceKey(refund.Id, county), refund.OrganisationId, -amount, refund.ReversedAtUtc, county);
        }
        var refunds = await db.Refunds.AsNoTracking()
            .Where(r => (r.Status == RefundStatus.Succeeded || r.ReversedAtUtc != null) && r.CompletedAtUtc >= start && r.CompletedAtUtc < end)
            .OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, r.OrderId, r.PaymentId, r.AmountFen, r.RefundedBeforeFen, CompletedAtUtc = r.CompletedAtUtc!.Value, r.Order.OrganisationId,
            })
            .ToListAsync(ct);
        var shares = await QuotaShares.OfPaymentsAsync(db, refunds.Select(r => (r.PaymentId, r.OrderId)).ToList(), ct);
        foreach (var refund in refunds)
        {
            var counties = shares[(refund.PaymentId, refund.OrderId)];
            foreach (var (county, amount) in QuotaShares.OfRefund(counties, refund.RefundedBeforeFen, refund.AmountFen))
                yield return new ExpectedEntry(QuotaShares.RefundSourceKey(refund.Id, county), refund.OrganisationId, amount, refund.CompletedAtUtc, county);
        }
    }
}
