namespace Storefront.Core.Ordering;

/// <summary>Part or all of an order on its way: what is in it, with which carrier, under which tracking number.</summary>
public class Shipment
{
    public const int CarrierMaxLength = 50;
    public const int TrackingMaxLength = 60;
    public const int NoteMaxLength = 1000;

    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public Order Order { get; private set; } = null!;
    /// <summary>1, 2, … within the order.</summary>
    public int Sequence { get; init; }
    public required string Carrier { get; init; }
    public string? TrackingNumber { get; init; }
    public DateTime ShippedAtUtc { get; init; }
    public string? ShippedByUserId { get; init; }
    public List<ShipmentLine> Lines { get; private set; } = [];
    public Receipt? Receipt { get; internal set; }
}

public class ShipmentLine
{
    public long Id { get; private set; }
    public long ShipmentId { get; private set; }
    public long OrderLineId { get; init; }
    public int Quantity { get; init; }
}

/// <summary>The buyer's receipt (验收) of one shipment: what was accepted of each line, and what was wrong.</summary>
public class Receipt
{
    public long Id { get; private set; }
    public long ShipmentId { get; private set; }
    public DateTime ReceivedAtUtc { get; init; }
    public required string ReceivedByUserId { get; init; }
    /// <summary>A shortfall or a quality problem; required when anything was not accepted.</summary>
    public string? Note { get; init; }
    /// <summary>The stored name of the buyer's photo of the shortfall or damage, kept private with the supplier's documents.</summary>
    public string? PhotoName { get; init; }
    public string? PhotoContentType { get; init; }
    public List<ReceiptLine> Lines { get; private set; } = [];
}

/// <summary>Why units delivered were not accepted (验收不合格的原因).</summary>
public enum ShortfallKind
{
    /// <summary>Fewer units arrived than the delivery note says (短少).</summary>
    Missing = 1,
    /// <summary>Units arrived broken or spoilt (破损).</summary>
    Damaged = 2,
    /// <summary>Units arrived but do not meet the quality ordered (质量不符).</summary>
    Quality = 3,
}

public class ReceiptLine
{
    public long Id { get; private set; }
    public long ReceiptId { get; private set; }
    public long ShipmentLineId { get; init; }
    public int AcceptedQuantity { get; init; }
    /// <summary>Why less was accepted than delivered; set exactly when it was.</summary>
    public ShortfallKind? Shortfall { get; init; }
}
