using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Orders;

/// <summary>An order as its pages show it to the buyer, the supplier and admins: lines, shipments, receipts, history.</summary>
public sealed record OrderView(
    long Id, string Number, long PurchaseId, string PurchaseNumber, OrderStatus Status, CancellationKind? Cancellation, string? CancellationReason,
    int OrganisationId, string OrganisationName, int SupplierId, string SupplierName, string SupplierAddress, string SupplierContact, long TotalFen, DateTime CreatedAtUtc,
    DateTime? AcceptedAtUtc, DateTime? PaidAtUtc, string DeliveryLabel, string DeliveryAddress, string DeliveryRecipient, string DeliveryPhone,
    DateOnly RequestedDeliveryDate, string? PurchaseOrderReference, string? Notes, bool IsTradeUnion, string BuyerName,
    IReadOnlyList<OrderView.Line> Lines, IReadOnlyList<OrderView.ShipmentView> Shipments, IReadOnlyList<OrderView.Event> Events)
{
    public sealed record Line(long Id, int ListingId, string Title, string Unit, string Spec, string CountyName, long UnitPriceFen, int Quantity, long AmountFen)
    {
        public string Code => Core.Catalog.Listing.CodeOf(ListingId);
    }

    public sealed record ShipmentLine(long Id, long OrderLineId, int Quantity, int? Accepted, ShortfallKind? Shortfall)
    {
        /// <summary>Units delivered but not accepted (0 until the shipment is received).</summary>
        public int ShortQuantity => Accepted is { } accepted ? Quantity - accepted : 0;
    }

    public sealed record ShipmentView(long Id, int Sequence, string Carrier, string? TrackingNumber, DateTime ShippedAtUtc,
        DateTime? ReceivedAtUtc, string? ReceiptNote, string? ReceivedByName, bool HasPhoto, IReadOnlyList<ShipmentLine> Lines);

    /// <summary>The value of what was delivered but not accepted, at the order's unit prices (see <see cref="Order.ShortfallFen"/>).</summary>
    public long ShortfallFen => Shipments.SelectMany(s => s.Lines).Sum(l => l.ShortQuantity * LineOf(l.OrderLineId).UnitPriceFen);

    public sealed record Event(OrderEventKind Kind, DateTime AtUtc, string ActorName, string? Note);

    public int Shipped(long lineId) => Shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == lineId).Sum(l => l.Quantity);

    public int Accepted(long lineId) => Shipments.SelectMany(s => s.Lines).Where(l => l.OrderLineId == lineId).Sum(l => l.Accepted ?? 0);

    public Line LineOf(long orderLineId) => Lines.First(l => l.Id == orderLineId);

    /// <summary>The order, within the scope the page gives (an organisation's, a supplier's, or all), in one query.</summary>
    public static async Task<OrderView?> LoadAsync(StorefrontDbContext db, IQueryable<Order> scope, long id, CancellationToken ct)
    {
        var o = await scope.AsNoTracking().Where(o => o.Id == id).Select(o => new
        {
            o.Id, o.Number, o.PurchaseId, PurchaseNumber = o.Purchase.Number, o.Status, o.Cancellation, o.CancellationReason,
            o.OrganisationId, OrganisationName = o.Organisation.Name, o.SupplierId, SupplierName = o.Supplier.Name,
            SupplierAddress = o.Supplier.Address, SupplierContact = o.Supplier.ContactName + " " + o.Supplier.ContactPhone, o.TotalFen, o.CreatedAtUtc,
            o.AcceptedAtUtc, o.PaidAtUtc, o.Purchase.DeliveryLabel, o.Purchase.DeliveryAddress, o.Purchase.DeliveryRecipient, o.Purchase.DeliveryPhone,
            o.Purchase.RequestedDeliveryDate, o.Purchase.PurchaseOrderReference, o.Purchase.Notes, o.Purchase.IsTradeUnion,
            BuyerName = db.Users.Where(u => u.Id == o.Purchase.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            Lines = o.Lines.OrderBy(l => l.Id).Select(l => new Line(l.Id, l.ListingId, l.Title, l.Unit, l.Spec, l.OriginCounty.Name,
                l.UnitPriceFen, l.Quantity, l.AmountFen)).ToList(),
            Shipments = o.Shipments.OrderBy(s => s.Sequence).Select(s => new
            {
                s.Id, s.Sequence, s.Carrier, s.TrackingNumber, s.ShippedAtUtc,
                ReceivedAtUtc = s.Receipt == null ? (DateTime?)null : s.Receipt.ReceivedAtUtc,
                ReceiptNote = s.Receipt == null ? null : s.Receipt.Note,
                Lines = s.Lines.OrderBy(l => l.Id).Select(l => new { l.Id, l.OrderLineId, l.Quantity }).ToList(),
            }).ToList(),
            // Flat, beside the shipments: a lookup nested in them would need SQL APPLY, which SQLite lacks.
            Accepted = o.Shipments.Where(s => s.Receipt != null).SelectMany(s => s.Receipt!.Lines).Select(r => new { r.ShipmentLineId, r.AcceptedQuantity, r.Shortfall }).ToList(),
            Receipts = o.Shipments.Where(s => s.Receipt != null).Select(s => new { s.Id, s.Receipt!.ReceivedByUserId, HasPhoto = s.Receipt.PhotoName != null }).ToList(),
            Events = o.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => new Event(e.Kind, e.AtUtc, e.ActorName, e.Note)).ToList(),
        }).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (o is null) return null;
        var accepted = o.Accepted.ToDictionary(a => a.ShipmentLineId);
        var receivers = o.Receipts.Select(r => r.ReceivedByUserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => receivers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var receipts = o.Receipts.ToDictionary(r => r.Id, r => (Name: names.GetValueOrDefault(r.ReceivedByUserId), r.HasPhoto));
        return new OrderView(
            o.Id, o.Number, o.PurchaseId, o.PurchaseNumber, o.Status, o.Cancellation, o.CancellationReason,
            o.OrganisationId, o.OrganisationName, o.SupplierId, o.SupplierName, o.SupplierAddress, o.SupplierContact.Trim(), o.TotalFen, o.CreatedAtUtc,
            o.AcceptedAtUtc, o.PaidAtUtc, o.DeliveryLabel, o.DeliveryAddress, o.DeliveryRecipient, o.DeliveryPhone,
            o.RequestedDeliveryDate, o.PurchaseOrderReference, o.Notes, o.IsTradeUnion, o.BuyerName ?? "",
            o.Lines,
            o.Shipments.Select(s => new ShipmentView(s.Id, s.Sequence, s.Carrier, s.TrackingNumber, s.ShippedAtUtc, s.ReceivedAtUtc, s.ReceiptNote,
                receipts.TryGetValue(s.Id, out var r) ? r.Name : null, receipts.TryGetValue(s.Id, out var p) && p.HasPhoto,
                s.Lines.Select(l => accepted.TryGetValue(l.Id, out var a)
                    ? new ShipmentLine(l.Id, l.OrderLineId, l.Quantity, a.AcceptedQuantity, a.Shortfall)
                    : new ShipmentLine(l.Id, l.OrderLineId, l.Quantity, null, null)).ToList())).ToList(),
            o.Events);
    }
}
