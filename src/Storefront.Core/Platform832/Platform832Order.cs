using Storefront.Core.Organisations;

namespace Storefront.Core.Platform832;

/// <summary>
/// An order that a budget unit placed on the 832 platform for one of our suppliers' products, upserted by its order
/// number each time the platform reports a change. What it has added to the quota ledger is kept beside it, so that
/// only the change in paid-minus-refunded amount is ever written, however often the order is read.
/// </summary>
public class Platform832Order
{
    public const int OrderNoMaxLength = 64;

    public long Id { get; private set; }
    public required string OrderNo { get; init; }
    public required string SupplierCode { get; set; }
    public int? SupplierId { get; set; }
    public required string BuyerCreditCode { get; set; }
    public required string BuyerName { get; set; }
    public required string BuyerUnitType { get; set; }
    /// <summary>The organisation the buyer was matched to by credit code (or by an admin); null while it waits in the queue.</summary>
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; private set; }
    public required string Status { get; set; }
    public long TotalFen { get; set; }
    public long RefundedFen { get; set; }
    public DateTime? PaidAtUtc { get; set; }
    public DateTime? ReceivedAtUtc { get; set; }
    /// <summary>The platform's updatedAt of the version stored.</summary>
    public DateTime PlatformUpdatedAtUtc { get; set; }
    /// <summary>The payment already in the ledger (+).</summary>
    public long CountedPaidFen { get; set; }
    /// <summary>The refunds already in the ledger (their total, as a positive number).</summary>
    public long CountedRefundedFen { get; set; }
    public DateTime ImportedAtUtc { get; init; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? MatchedAtUtc { get; set; }
    public List<Platform832OrderLine> Lines { get; private set; } = [];

    public long CountedFen => CountedPaidFen - CountedRefundedFen;
}

public class Platform832OrderLine
{
    public long Id { get; private set; }
    public long OrderId { get; private set; }
    public required string ExternalId { get; init; }
    public string? PlatformProductId { get; init; }
    public int? ListingId { get; init; }
    public int Quantity { get; init; }
    public long PriceFen { get; init; }
    public long AmountFen { get; init; }
}
