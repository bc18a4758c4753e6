using Storefront.Core.Organisations;

namespace Storefront.Core.Quotas;

public enum QuotaEntryKind
{
    /// <summary>A payment confirmed: card captured, invoice paid, or a bank transfer recorded by an admin (+).</summary>
    PaymentConfirmed = 1,
    /// <summary>A refund, counted in the year it is made (−).</summary>
    Refund = 2,
    /// <summary>An order placed on the 832 platform, or a change to one: the change in paid-minus-refunded amount (±).</summary>
    Platform832Order = 3,
    /// <summary>An admin's correction, with a reason (±).</summary>
    AdminCorrection = 4,
    /// <summary>A refund that failed after it had succeeded (the gateway says so): its refund entries given back (+).</summary>
    RefundReversed = 5,
}

/// <summary>
/// One line of the append-only quota ledger. The counted amount of an organisation for a year is the sum of its
/// entries in that year (Asia/Shanghai); nothing else changes it. <see cref="SourceKey"/> ties the entry to what caused
/// it and is unique, so a replayed webhook or a re-imported order adds nothing.
/// </summary>
public class QuotaEntry
{
    public const int SourceKeyMaxLength = 200;

    public long Id { get; private set; }
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public QuotaEntryKind Kind { get; init; }
    public long AmountFen { get; init; }
    /// <summary>When the money moved: the payment, the refund, the 832 change. Decides the year it counts in.</summary>
    public DateTime OccurredAtUtc { get; init; }
    /// <summary>The Asia/Shanghai calendar year and month of <see cref="OccurredAtUtc"/>, kept for grouping.</summary>
    public int Year { get; init; }
    public int Month { get; init; }
    public required string SourceKey { get; init; }
    /// <summary>The supplier and county the money reached, for the impact view; null for corrections.</summary>
    public int? SupplierId { get; init; }
    public string? CountyCode { get; init; }
    /// <summary>The storefront order behind the entry, when there is one.</summary>
    public long? OrderId { get; init; }
    /// <summary>A human-readable reference: an order number, an 832 order number, an import.</summary>
    public string? Reference { get; init; }
    public string? Note { get; init; }
    public string? RecordedByUserId { get; init; }
    public DateTime RecordedAtUtc { get; init; }
}
