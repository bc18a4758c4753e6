using System.Globalization;
using Microsoft.Extensions.Localization;
using QRCoder;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Settings;
using Storefront.Web.Pages.Orders;

namespace Storefront.Web.Papers;

/// <summary>
/// The papers that travel with the goods: a delivery note (送货单) per shipment, and an acceptance record (验收单) per
/// receipt, as PDF. Each names the organisation, the supplier, the lines with the quantities delivered (and accepted),
/// the receiver, times in Beijing time, and carries a QR code of the order page's address on
/// <c>Storefront:PublicUrl</c> (the page asks whoever opens it to sign in, as always). The caller gives the scope of
/// orders the person may see, so the papers follow the order page's tenant isolation.
/// </summary>
public sealed class OrderPapers(StorefrontDbContext db, PublicAddress address, IStringLocalizer<SharedResource> t, TimeProvider clock)
{
    public sealed record Paper(byte[] Content, string FileName);

    /// <summary>The address the QR code carries: the buyer's order page, where the receiving canteen works.</summary>
    public string OrderUrl(long orderId) => address.Absolute($"/orders/{orderId.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The delivery note of one shipment of an order within <paramref name="scope"/>, or null when there is none.</summary>
    public async Task<Paper?> DeliveryNoteAsync(IQueryable<Order> scope, long orderId, long shipmentId, CancellationToken ct)
    {
        var order = await OrderView.LoadAsync(db, scope, orderId, ct);
        if (order?.Shipments.FirstOrDefault(s => s.Id == shipmentId) is not { } shipment) return null;
        return new(DeliveryNote(order, shipment), $"delivery-note-{order.Number}-{shipment.Sequence}.pdf");
    }

    /// <summary>The acceptance record of one received shipment of an order within <paramref name="scope"/>, or null.</summary>
    public async Task<Paper?> AcceptanceRecordAsync(IQueryable<Order> scope, long orderId, long shipmentId, CancellationToken ct)
    {
        var order = await OrderView.LoadAsync(db, scope, orderId, ct);
        if (order?.Shipments.FirstOrDefault(s => s.Id == shipmentId && s.ReceivedAtUtc is not null) is not { } shipment) return null;
        return new(AcceptanceRecord(order, shipment), $"acceptance-record-{order.Number}-{shipment.Sequence}.pdf");
    }

    private byte[] DeliveryNote(OrderView order, OrderView.ShipmentView shipment)
    {
        using var paper = new PaperWriter(t["Papers.DeliveryNote"], Footer(order));
        paper.Title(t["Papers.DeliveryNote"]);
        paper.Facts([
            .. Header(order, shipment),
            (t["Papers.ShippedAt"], ShanghaiTime.Format(shipment.ShippedAtUtc)),
            (t["Papers.Carrier"], $"{shipment.Carrier} {shipment.TrackingNumber}".Trim()),
        ]);
        paper.Table(
            [new(t["Papers.Col.Listing"], 4), new(t["Papers.Col.Spec"], 2.4), new(t["Papers.Col.Unit"], 1.1),
             new(t["Papers.Col.Ordered"], 1.4, true), new(t["Papers.Col.Delivered"], 1.4, true)],
            shipment.Lines.Select(l =>
            {
                var line = order.LineOf(l.OrderLineId);
                return (IReadOnlyList<string>)[$"{line.Title} ({line.Code})", line.Spec, line.Unit, Number(line.Quantity), Number(l.Quantity)];
            }).ToList());
        paper.Paragraph(t["Papers.DeliverySignatures"]);
        paper.Rule();
        paper.QrCode(QrImage(OrderUrl(order.Id)), 96, [t["Papers.QrCaption"], OrderUrl(order.Id)]);
        return paper.ToPdf();
    }

    private byte[] AcceptanceRecord(OrderView order, OrderView.ShipmentView shipment)
    {
        using var paper = new PaperWriter(t["Papers.AcceptanceRecord"], Footer(order));
        paper.Title(t["Papers.AcceptanceRecord"]);
        paper.Facts([
            .. Header(order, shipment),
            (t["Papers.ShippedAt"], ShanghaiTime.Format(shipment.ShippedAtUtc)),
            (t["Papers.ReceivedAt"], ShanghaiTime.Format(shipment.ReceivedAtUtc!.Value)),
            (t["Papers.Receiver"], shipment.ReceivedByName ?? ""),
            (t["Papers.Carrier"], $"{shipment.Carrier} {shipment.TrackingNumber}".Trim()),
        ]);
        paper.Table(
            [new(t["Papers.Col.Listing"], 4), new(t["Papers.Col.Unit"], 1.1), new(t["Papers.Col.Delivered"], 1.4, true),
             new(t["Papers.Col.Accepted"], 1.4, true), new(t["Papers.Col.Short"], 1.4, true), new(t["Papers.Col.Reason"], 1.8)],
            shipment.Lines.Select(l =>
            {
                var line = order.LineOf(l.OrderLineId);
                return (IReadOnlyList<string>)[$"{line.Title} ({line.Code})", line.Unit, Number(l.Quantity), Number(l.Accepted ?? 0),
                    Number(l.ShortQuantity), l.Shortfall is { } kind ? t[$"Shortfall.{kind}"].Value : ""];
            }).ToList());
        var shortFen = shipment.Lines.Sum(l => l.ShortQuantity * order.LineOf(l.OrderLineId).UnitPriceFen);
        paper.Paragraph(shortFen == 0 ? t["Papers.AllAccepted"] : t["Papers.ShortfallValue", Fen.Format(shortFen)], 10, bold: true);
        if (shipment.ReceiptNote is not null) paper.Paragraph($"{t["Papers.Note"]}{shipment.ReceiptNote}");
        if (shipment.HasPhoto) paper.Paragraph(t["Papers.PhotoOnOrderPage"]);
        paper.Paragraph(t["Papers.AcceptanceSignatures"]);
        paper.Rule();
        paper.QrCode(QrImage(OrderUrl(order.Id)), 96, [t["Papers.QrCaption"], OrderUrl(order.Id)]);
        return paper.ToPdf();
    }

    private List<(string Label, string Value)> Header(OrderView order, OrderView.ShipmentView shipment) =>
    [
        (t["Papers.Order"], order.Number),
        (t["Papers.Shipment"], t["Papers.ShipmentNumber", shipment.Sequence]),
        (t["Papers.Organisation"], order.OrganisationName),
        (t["Papers.Supplier"], order.SupplierName),
        (t["Papers.DeliverTo"], order.DeliveryAddress),
        (t["Papers.SupplierContact"], order.SupplierContact),
        (t["Papers.Recipient"], $"{order.DeliveryRecipient} {order.DeliveryPhone}"),
        (t["Papers.Purchase"], order.PurchaseNumber),
    ];

    private string Footer(OrderView order) =>
        t["Papers.Footer", order.Number, ShanghaiTime.Format(clock.GetUtcNow().UtcDateTime)];

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The QR code as an image of 8 pixels a module, with the standard quiet zone; level M survives a smudge. A 24-bit
    /// BMP, since PDFsharp's importer does not take the 1-bit PNG that QRCoder writes.
    /// </summary>
    internal static byte[] QrImage(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new BitmapByteQRCode(data).GetGraphic(8);
    }
}
