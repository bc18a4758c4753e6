using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Orders;

/// <summary>An order as its pages show it to the buyer, the supplier and admins: lines, shipments, receipts, history.</summary>
public sealed record OrderView(
    long Id, string Number, long PurchaseId, string PurchaseNumber, OrderStatus Status, CancellationKind? Cancellation, string? CancellationReason,
    int OrganisationId, string OrganisationName, int SupplierId, string SupplierName, long TotalFen, DateTime CreatedAtUtc,
    DateTime? AcceptedAtUtc, DateTime? PaidAtUtc, string DeliveryLabel, string DeliveryAddress, string DeliveryRecipient, string DeliveryPhone,
    DateOnly RequestedDeliveryDate, string? PurchaseOrderReference, string? Notes, bool IsTradeUnion, string BuyerName,
    IReadOnlyList<OrderView.Line> Lines, IReadOnlyList<OrderView.ShipmentView> Shipments, IReadOnlyList<OrderView.Event> Events)
{
    public sealed record Line(long Id, int ListingId, string Title, string Unit, string Spec, string CountyName, long UnitPriceFen, int Quantity, long AmountFen)
    {
        public string Code => Core.Catalog.Listing.CodeOf(ListingId);
    }

    public sealed record ShipmentLine(long Id, long OrderLineId, int Quantity, int? Accepted);

    public sealed record ShipmentView(long Id, int Sequence, string Carrier, string? TrackingNumber, DateTime ShippedAtUtc,
        DateTime? ReceivedAtUtc, string? ReceiptNote, IReadOnlyList<ShipmentLine> Lines);

    public sealed record Event(OrderEventKind Kind, DateTime AtUtc, string ActorName, string? Note);

    public int Shipped(long lineId) => Shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == lineId).Sum(l => l.Quantity);

    public int Accepted(long lineId) => Shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == lineId).Sum(l => l.Accepted ?? 0);

    public Line LineOf(long orderLineId) => Lines.First(l => l.Id == orderLineId);

    /// <summary>The order, within the scope the page gives (an organisation's, a supplier's, or all), in one query.</summary>
    public static Task<OrderView?> LoadAsync(StorefrontDbContext db, IQueryable<Order> scope, long id, CancellationToken ct) =>
        scope.AsNoTracking().Where(o => o.Id == id).Select(o => new OrderView(
            o.Id, o.Number, o.PurchaseId, o.Purchase.Number, o.Status, o.Cancellation, o.CancellationReason,
            o.OrganisationId, o.Organisation.Name, o.SupplierId, o.Supplier.Name, o.TotalFen, o.CreatedAtUtc,
            o.AcceptedAtUtc, o.PaidAtUtc, o.Purchase.DeliveryLabel, o.Purchase.DeliveryAddress, o.Purchase.DeliveryRecipient, o.Purchase.DeliveryPhone,
            o.Purchase.RequestedDeliveryDate, o.Purchase.PurchaseOrderReference, o.Purchase.Notes, o.Purchase.IsTradeUnion,
            db.Users.Where(u => u.Id == o.Purchase.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            o.Lines.OrderBy(l => l.Id).Select(l => new Line(l.Id, l.ListingId, l.Title, l.Unit, l.Spec,
                db.Divisions.Where(d => d.Code == l.OriginCountyCode).Select(d => d.Name).FirstOrDefault() ?? l.OriginCountyCode,
                l.UnitPriceFen, l.Quantity, l.AmountFen)).ToList(),
            o.Shipments.OrderBy(s => s.Sequence).Select(s => new ShipmentView(s.Id, s.Sequence, s.Carrier, s.TrackingNumber, s.ShippedAtUtc,
                s.Receipt == null ? null : s.Receipt.ReceivedAtUtc, s.Receipt == null ? null : s.Receipt.Note,
                s.Lines.OrderBy(l => l.Id).Select(l => new ShipmentLine(l.Id, l.OrderLineId, l.Quantity,
                    s.Receipt == null ? null : s.Receipt.Lines.Where(r => r.ShipmentLineId == l.Id).Select(r => (int?)r.AcceptedQuantity).FirstOrDefault())).ToList())).ToList(),
            o.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new Event(e.Kind, e.AtUtc, e.ActorName, e.Note)).ToList()))
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
}
