using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.Orders;

/// <summary>
/// Imports the orders budget units placed on the platform (section 5): upserted by order number, the buyer matched
/// by unified social credit code, and the quota ledger given the change in paid-minus-refunded amount only. The
/// payment is dated when it was paid, a refund when the platform reported it; each entry's source key names the
/// platform's revision of the order (its updatedAt) and the amount that revision brings it to, so re-reading an order
/// never counts twice while every change counts, also back to an earlier figure (100 → 80 → 100).
/// </summary>
public sealed class OrderImport(
    StorefrontDbContext db,
    Platform832Client client,
    FeedFollower feed,
    QuotaLedger ledger,
    IOptions<Platform832Options> options,
    TimeProvider clock)
{
    private const int MaxPagesPerRun = 50;

    public async Task<FeedFollower.Outcome> RunOnceAsync(CancellationToken ct = default)
    {
        var outcome = await feed.FollowAsync(Platform832JobState.Orders, options.Value.FollowFrom,
            (since, cursor, token) => client.GetOrdersAsync(since, cursor, options.Value.PageSize, token),
            order => order.UpdatedAt, ApplyAsync, MaxPagesPerRun, ct);
        await MatchWaitingAsync(ct);
        return outcome;
    }

    private async Task ApplyAsync(IReadOnlyList<PlatformOrder> orders, CancellationToken ct)
    {
        var numbers = orders.Select(o => o.OrderNo).Distinct().ToList();
        var existing = await db.Platform832Orders.Include(o => o.Lines).Where(o => numbers.Contains(o.OrderNo)).ToDictionaryAsync(o => o.OrderNo, ct);
        var supplierCodes = orders.Select(o => o.SupplierCode).Distinct().ToList();
        var suppliers = await db.Suppliers.AsNoTracking()
            .Where(s => s.Platform832Code != null && supplierCodes.Contains(s.Platform832Code))
            .Select(s => new { s.Id, Code = s.Platform832Code! })
            .ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var creditCodes = orders.Select(o => o.Buyer.CreditCode).Distinct().ToList();
        var organisations = await OrganisationsByCreditCodeAsync(creditCodes, ct);
        var now = clock.GetUtcNow().UtcDateTime;

        foreach (var incoming in orders)
        {
            if (incoming.OrderNo.Length is 0 or > Platform832Order.OrderNoMaxLength) continue;
            if (existing.TryGetValue(incoming.OrderNo, out var order))
            {
                // An older version read again (a replay, or paging that overlapped): the stored one is newer.
                if (order.PlatformUpdatedAtUtc > incoming.UpdatedAt.UtcDateTime) continue;
            }
            else
            {
                order = new Platform832Order
                {
                    OrderNo = incoming.OrderNo,
                    SupplierCode = incoming.SupplierCode,
                    BuyerCreditCode = incoming.Buyer.CreditCode,
                    BuyerName = incoming.Buyer.Name,
                    BuyerUnitType = incoming.Buyer.UnitType,
                    Status = incoming.Status,
                    ImportedAtUtc = now,
                };
                db.Platform832Orders.Add(order);
                existing[order.OrderNo] = order;
            }
            order.SupplierCode = Limit(incoming.SupplierCode, 64);
            order.SupplierId = suppliers.TryGetValue(incoming.SupplierCode, out var supplierId) ? supplierId : null;
            order.BuyerCreditCode = Limit(incoming.Buyer.CreditCode, 18);
            order.BuyerName = Limit(incoming.Buyer.Name, 200);
            order.BuyerUnitType = Limit(incoming.Buyer.UnitType, 20);
            order.Status = Limit(incoming.Status, 20);
            order.TotalFen = Math.Max(0, incoming.TotalFen);
            order.RefundedFen = Math.Clamp(incoming.RefundedFen, 0, order.TotalFen);
            order.PaidAtUtc = incoming.PaidAt?.UtcDateTime;
            order.ReceivedAtUtc = incoming.ReceivedAt?.UtcDateTime;
            order.PlatformUpdatedAtUtc = incoming.UpdatedAt.UtcDateTime;
            order.UpdatedAtUtc = now;
            if (!SameLines(order.Lines, incoming.Lines))
            {
                order.Lines.Clear();
                order.Lines.AddRange(incoming.Lines.Select(l => new Platform832OrderLine
                {
                    ExternalId = Limit(l.ExternalId, 64),
                    PlatformProductId = l.PlatformProductId is null ? null : Limit(l.PlatformProductId, 64),
                    ListingId = Listing.ParseCode(l.ExternalId),
                    Quantity = l.Quantity,
                    PriceFen = l.PriceFen,
                    AmountFen = l.AmountFen,
                }));
            }
            if (order.OrganisationId is null && organisations.TryGetValue(order.BuyerCreditCode, out var organisationId))
            {
                order.OrganisationId = organisationId;
                order.MatchedAtUtc = now;
            }
            await CountAsync(order, ct);
        }
    }

    /// <summary>Orders whose buyer has since joined the shop (or been corrected) are matched and counted.</summary>
    public async Task<int> MatchWaitingAsync(CancellationToken ct = default)
    {
        var waiting = await db.Platform832Orders.Where(o => o.OrganisationId == null)
            .Where(o => db.Organisations.Any(g => g.CreditCode == o.BuyerCreditCode))
            .Take(500)
            .ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        var organisations = await OrganisationsByCreditCodeAsync(waiting.Select(o => o.BuyerCreditCode).Distinct().ToList(), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var order in waiting)
        {
            order.OrganisationId = organisations[order.BuyerCreditCode];
            order.MatchedAtUtc = now;
            await CountAsync(order, ct);
        }
        await db.SaveChangesAsync(ct);
        return waiting.Count;
    }

    /// <summary>An admin matches a waiting order to an organisation by hand; the caller saves, with its audit entry.</summary>
    public async Task AssignAsync(Platform832Order order, int organisationId, CancellationToken ct = default)
    {
        order.OrganisationId = organisationId;
        order.MatchedAtUtc = clock.GetUtcNow().UtcDateTime;
        await CountAsync(order, ct);
    }

    /// <summary>
    /// Brings the ledger to the order's paid-minus-refunded amount. A cancelled order was never a purchase: whatever
    /// was paid comes back off. Payments and refunds are kept apart, each only ever moving towards the platform's figure.
    /// The ledger's answer is kept: a payment it refuses (the supplier's county was not designated when the order was
    /// paid) is not recorded as counted, so the order's later refund or cancellation has nothing to take back.
    /// </summary>
    private async Task CountAsync(Platform832Order order, CancellationToken ct)
    {
        if (order.OrganisationId is not { } organisationId) return;
        var (paid, _) = CountedTargets(order);
        var county = order.SupplierId is { } supplierId ? await CountyOfAsync(supplierId, ct) : null;
        var paidAt = order.PaidAtUtc ?? order.PlatformUpdatedAtUtc;
        var revision = Revision(order);
        if (paid != order.CountedPaidFen)
        {
            var outcome = await ledger.TryAppendAsync(new QuotaLedger.Draft(organisationId, QuotaEntryKind.Platform832Order, paid - order.CountedPaidFen,
                paidAt, PaidKey(order.OrderNo, revision, paid),
                SupplierId: order.SupplierId, CountyCode: county, Reference: order.OrderNo, Note: "832 payment", DesignatedAsOfUtc: paidAt), ct);
            if (outcome != QuotaLedger.Outcome.CountyNotDesignated) order.CountedPaidFen = paid;
        }
        // Only what was counted can come back off.
        var refunded = Math.Min(CountedTargets(order).RefundedFen, order.CountedPaidFen);
        if (refunded != order.CountedRefundedFen)
        {
            var outcome = await ledger.TryAppendAsync(new QuotaLedger.Draft(organisationId, QuotaEntryKind.Platform832Order, order.CountedRefundedFen - refunded,
                order.PlatformUpdatedAtUtc, RefundKey(order.OrderNo, revision, refunded),
                SupplierId: order.SupplierId, CountyCode: county, Reference: order.OrderNo,
                Note: order.Status == OrderStatuses.Cancelled ? "832 cancellation" : "832 refund", DesignatedAsOfUtc: paidAt), ct);
            if (outcome != QuotaLedger.Outcome.CountyNotDesignated) order.CountedRefundedFen = refunded;
        }
    }

    // A page of orders comes from a handful of suppliers: each supplier's county is read once per unit of work, not per order.
    private readonly Dictionary<int, string?> _counties = [];

    private async Task<string?> CountyOfAsync(int supplierId, CancellationToken ct)
    {
        if (!_counties.TryGetValue(supplierId, out var county))
            _counties[supplierId] = county = await db.Suppliers.Where(s => s.Id == supplierId).Select(s => s.CountyCode).FirstOrDefaultAsync(ct);
        return county;
    }

    /// <summary>What the ledger should hold for an order as the platform last described it: paid, and refunded of that.</summary>
    public static (long PaidFen, long RefundedFen) CountedTargets(Platform832Order order)
    {
        var paid = order.PaidAtUtc is null ? 0 : order.TotalFen;
        return (paid, order.Status == OrderStatuses.Cancelled ? paid : Math.Min(order.RefundedFen, paid));
    }

    /// <summary>The platform's revision of the order: its updatedAt, in milliseconds since 1970 (the platform has no revision number).</summary>
    public static long Revision(Platform832Order order) => new DateTimeOffset(DateTime.SpecifyKind(order.PlatformUpdatedAtUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    // The key names the platform's revision, so that re-reading one revision adds nothing while each change counts,
    // and the amount it brings the order to, so that reconciliation can recompute each step.
    public static string PaidKey(string orderNo, long revision, long paidFen) => $"832:{orderNo}:r{revision}:paid:{paidFen}";
    public static string RefundKey(string orderNo, long revision, long refundedFen) => $"832:{orderNo}:r{revision}:refund:{refundedFen}";

    private async Task<Dictionary<string, int>> OrganisationsByCreditCodeAsync(List<string> creditCodes, CancellationToken ct)
    {
        // Matched by equality: the platform's codes are taken as given, check character or not.
        var rows = await db.Organisations.AsNoTracking()
            .Where(o => creditCodes.Contains(o.CreditCode))
            .Select(o => new { o.Id, o.CreditCode })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.CreditCode).ToDictionary(g => g.Key, g => g.Min(r => r.Id));
    }

    private static bool SameLines(List<Platform832OrderLine> stored, IReadOnlyList<PlatformOrderLine> incoming) =>
        stored.Count == incoming.Count && stored.Zip(incoming).All(p =>
            p.First.ExternalId == p.Second.ExternalId && p.First.Quantity == p.Second.Quantity && p.First.AmountFen == p.Second.AmountFen && p.First.PriceFen == p.Second.PriceFen);

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..length];
}
