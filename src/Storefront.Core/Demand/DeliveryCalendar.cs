using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;

namespace Storefront.Core.Demand;

/// <summary>
/// A supplier's committed deliveries by ISO week (Monday to Sunday, Shanghai dates) and listing, for the next weeks,
/// against what it can supply. The rules, so a cooperative can check them by hand:
/// <list type="bullet">
/// <item>A delivery is committed when <see cref="PlannedDelivery.IsCommitted"/> (scheduled or ordered) and its order,
/// if made, is not cancelled. The calendar starts today: days of this week already gone are left out.</item>
/// <item>Still to take from stock: committed deliveries with no order yet, or whose order waits for approval. An order
/// approved for payment has reserved its stock already (DESIGN.md rule 4), so it is not asked of the stock twice.</item>
/// <item>Stock warning: a week whose quantity still to take from stock is above the listing's stock today. Each week
/// is compared alone, because produce comes in between weeks; a week that needs more than the whole stock on hand
/// is the one the cooperative cannot fill from it. An agreement that names no listing has no stock to compare.</item>
/// <item>Quote warning: a week whose committed quantity is above what the supplier quoted for those deliveries (the
/// quote's quantity per delivery, once per delivery): a buyer raised a delivery beyond what it said it can cover.</item>
/// </list>
/// Quantities are in the agreement's unit, which is the listing's when it names one (standing orders take the listing's stock).
/// </summary>
public sealed class DeliveryCalendar(StorefrontDbContext db, TimeProvider clock)
{
    public const int DefaultWeeks = 8;
    public const int MaxWeeks = 26;

    /// <summary>One agreement as the calendar reads it: its deliveries, their orders' states, the quote and the listing's stock.</summary>
    public sealed record Source(SupplyAgreement Agreement, IReadOnlyList<StandingDelivery> Written, IReadOnlyDictionary<long, OrderStatus> Orders,
        int QuotedPerDelivery, string Item, int? Stock);

    /// <summary>One listing (or one agreement without a listing) in one week.</summary>
    public sealed record Line(string Key, int? ListingId, string Item, string Unit, int? Stock, int Deliveries, long Committed, long FromStock, long Quoted)
    {
        public bool ExceedsStock => Stock is { } stock && FromStock > stock;
        public bool ExceedsQuote => Committed > Quoted;
    }

    public sealed record Week(DateOnly Monday, int IsoYear, int IsoWeek, IReadOnlyList<Line> Lines)
    {
        public DateOnly Sunday => Monday.AddDays(6);
        public string Label => $"{IsoYear}-W{IsoWeek:00}";
        public bool HasWarning => Lines.Any(l => l.ExceedsStock || l.ExceedsQuote);
    }

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The calendar of <paramref name="weeks"/> weeks from the week of <paramref name="today"/>, every week listed even when empty.</summary>
    public static IReadOnlyList<Week> Of(IEnumerable<Source> sources, DateOnly today, int weeks)
    {
        var first = MondayOf(today);
        var last = first.AddDays(7 * weeks - 1);
        var deliveries = sources.SelectMany(s => s.Agreement.DeliveriesBetween(today, last, s.Written)
                .Where(d => d.IsCommitted && !(d.Row?.OrderId is { } o && s.Orders.GetValueOrDefault(o) == OrderStatus.Cancelled))
                .Select(d => (Source: s, Delivery: d,
                    FromStock: d.Row?.OrderId is not { } order || s.Orders.GetValueOrDefault(order) == OrderStatus.PendingApproval)))
            .ToList();
        return Enumerable.Range(0, weeks).Select(i =>
        {
            var monday = first.AddDays(7 * i);
            var lines = deliveries.Where(x => MondayOf(x.Delivery.Date) == monday)
                .GroupBy(x => x.Source.Agreement.ListingId is { } l ? $"L{l}" : $"A{x.Source.Agreement.Id}")
                .Select(g =>
                {
                    var s = g.First().Source;
                    return new Line(g.Key, s.Agreement.ListingId, s.Item, s.Agreement.Unit, s.Stock, g.Count(),
                        g.Sum(x => (long)x.Delivery.Quantity), g.Where(x => x.FromStock).Sum(x => (long)x.Delivery.Quantity),
                        g.Sum(x => (long)x.Source.QuotedPerDelivery));
                })
                .OrderBy(l => l.Item, StringComparer.Ordinal).ThenBy(l => l.Key, StringComparer.Ordinal).ToList();
            var at = monday.ToDateTime(TimeOnly.MinValue);
            return new Week(monday, ISOWeek.GetYear(at), ISOWeek.GetWeekOfYear(at), lines);
        }).ToList();
    }

    /// <summary>The supplier's calendar from today (Shanghai), its active agreements read in one statement.</summary>
    public async Task<IReadOnlyList<Week>> ForSupplierAsync(int supplierId, int weeks, CancellationToken ct = default)
    {
        var today = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);
        var last = MondayOf(today).AddDays(7 * weeks - 1);
        var rows = await db.SupplyAgreements.AsNoTracking()
            .Where(a => a.SupplierId == supplierId && a.Status == AgreementStatus.Active && a.EndDate >= today && a.StartDate <= last)
            .Select(a => new
            {
                Agreement = a,
                Quoted = a.Quote.QuantityPerDelivery,
                Title = a.ListingId != null ? a.Listing!.Title : null,
                Stock = a.ListingId != null ? (int?)a.Listing!.Stock : null,
                Written = a.Deliveries.Where(d => d.DeliveryDate >= today && d.DeliveryDate <= last)
                    .Select(d => new { Row = d, OrderStatus = d.Order != null ? (OrderStatus?)d.Order.Status : null }).ToList(),
            })
            .ToListAsync(ct);
        var sources = rows.Select(r => new Source(r.Agreement, r.Written.Select(w => w.Row).ToList(),
            r.Written.Where(w => w.Row.OrderId is not null && w.OrderStatus is not null).ToDictionary(w => w.Row.OrderId!.Value, w => w.OrderStatus!.Value),
            r.Quoted, r.Title ?? ItemOf(r.Agreement), r.Stock));
        return Of(sources, today, weeks);
    }

    private static string ItemOf(SupplyAgreement a) => string.IsNullOrEmpty(a.Spec) ? a.Description : $"{a.Description} {a.Spec}";

    public static string FormatQuantity(long quantity) => quantity.ToString("#,0", CultureInfo.InvariantCulture);
}
