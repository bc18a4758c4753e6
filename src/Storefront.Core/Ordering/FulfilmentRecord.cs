using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;

namespace Storefront.Core.Ordering;

/// <summary>One order of a supplier that has been delivered: the day the buyer asked for, its last receipt, any shortfall.</summary>
public readonly record struct DeliveredOrder(DateOnly RequestedDeliveryDate, DateTime LastReceivedAtUtc, bool Shortfall)
{
    /// <summary>On time when the last of its shipments was received (验收) by the end of the day asked for, in Shanghai.</summary>
    public bool OnTime => ShanghaiTime.DateOf(LastReceivedAtUtc) <= RequestedDeliveryDate;
}

/// <summary>
/// A supplier's fulfilment record, what a canteen checks before awarding a plan: of its orders received at least in
/// part (cancelled ones never are), the share received on time (the last receipt on or before the delivery date the
/// purchase asked for) and the share accepted in full (no receipt line with a shortfall: 短少, 破损, 质量不符). Shares
/// are in tenths of a percent, half away from zero; a supplier with no order received has no record, not 0%.
/// </summary>
public sealed record FulfilmentRecord(int Orders, int OnTime, int AcceptedInFull)
{
    public static readonly FulfilmentRecord None = new(0, 0, 0);

    public decimal? OnTimePercent => Share(OnTime);
    public decimal? AcceptedPercent => Share(AcceptedInFull);

    private decimal? Share(int part) => Orders == 0 ? null : Math.Round(100m * part / Orders, 1, MidpointRounding.AwayFromZero);

    public static FulfilmentRecord Of(IEnumerable<DeliveredOrder> orders)
    {
        var list = orders.ToList();
        return new(list.Count, list.Count(o => o.OnTime), list.Count(o => !o.Shortfall));
    }

    /// <summary>The records of several suppliers in one query; a supplier with no order received gets <see cref="None"/>.</summary>
    public static async Task<IReadOnlyDictionary<int, FulfilmentRecord>> ForSuppliersAsync(StorefrontDbContext db, IReadOnlyCollection<int> supplierIds, CancellationToken ct = default)
    {
        var ids = supplierIds.Distinct().ToList();
        var rows = await db.Orders.AsNoTracking()
            .Where(o => ids.Contains(o.SupplierId) && o.Shipments.Any(s => s.Receipt != null))
            .Select(o => new
            {
                o.SupplierId, o.Purchase.RequestedDeliveryDate,
                LastReceived = o.Shipments.Where(s => s.Receipt != null).Max(s => s.Receipt!.ReceivedAtUtc),
                Shortfall = o.Shipments.Any(s => s.Receipt != null && s.Receipt.Lines.Any(l => l.Shortfall != null)),
            })
            .ToListAsync(ct);
        var bySupplier = rows.ToLookup(r => r.SupplierId, r => new DeliveredOrder(r.RequestedDeliveryDate, r.LastReceived, r.Shortfall));
        return ids.ToDictionary(id => id, id => bySupplier.Contains(id) ? Of(bySupplier[id]) : None);
    }
}
