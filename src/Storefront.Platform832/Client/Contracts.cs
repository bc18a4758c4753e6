using System.Text.Json.Serialization;

namespace Storefront.Platform832.Client;

// The shapes of API.md, serialised in camelCase. Unknown response fields are ignored, as the contract asks.

public sealed record PlatformCategory(string Code, string Name, string? ParentCode);

public sealed record PlatformCounty(string Code, string Name, string? Province);

public sealed record PlatformSupplier(string SupplierCode, string Name, string? CreditCode, string? CountyCode, string Status)
{
    public const string Active = "ACTIVE";
    public const string Suspended = "SUSPENDED";
}

/// <summary>The fields of an upsert (4.1).</summary>
public sealed record ProductContent
{
    public int Revision { get; init; }
    public required string Title { get; init; }
    public required string CategoryCode { get; init; }
    public required string OriginCountyCode { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CertificationNo { get; init; }
    public required string Unit { get; init; }
    public required string Spec { get; init; }
    public long PriceFen { get; init; }
    public int Stock { get; init; }
    public int MinOrderQty { get; init; }
    public IReadOnlyList<string> ImageUrls { get; init; } = [];
    public string Description { get; init; } = "";
}

/// <summary>One item of a batch upsert (4.2): the externalId and the fields of 4.1.</summary>
public sealed record BatchItem(string ExternalId, ProductContent Content);

/// <summary>The response data of an upsert or delist (4.1, 4.3).</summary>
public sealed record ProductState
{
    public string? PlatformProductId { get; init; }
    public int Revision { get; init; }
    public string? AuditStatus { get; init; }
    public string? RejectReason { get; init; }
    public bool Delisted { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>A product as read back (4.4): every field of 4.1 plus the response fields.</summary>
public sealed record PlatformProduct
{
    public string ExternalId { get; init; } = "";
    public int Revision { get; init; }
    public string? Title { get; init; }
    public string? CategoryCode { get; init; }
    public string? OriginCountyCode { get; init; }
    public string? CertificationNo { get; init; }
    public string? Unit { get; init; }
    public string? Spec { get; init; }
    public long PriceFen { get; init; }
    public int Stock { get; init; }
    public int MinOrderQty { get; init; }
    public IReadOnlyList<string>? ImageUrls { get; init; }
    public string? Description { get; init; }
    public string? PlatformProductId { get; init; }
    public string? AuditStatus { get; init; }
    public string? RejectReason { get; init; }
    public bool Delisted { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record AuditChange(string SupplierCode, string ExternalId, int Revision, string AuditStatus, string? RejectReason, DateTimeOffset DecidedAt);

public sealed record PlatformBuyer(string CreditCode, string Name, string UnitType);

public sealed record PlatformOrderLine(string ExternalId, string? PlatformProductId, int Quantity, long PriceFen, long AmountFen);

public sealed record PlatformOrder
{
    public required string OrderNo { get; init; }
    public required string SupplierCode { get; init; }
    public required PlatformBuyer Buyer { get; init; }
    public IReadOnlyList<PlatformOrderLine> Lines { get; init; } = [];
    public long TotalFen { get; init; }
    public long RefundedFen { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public static class OrderStatuses
{
    public const string Paid = "PAID";
    public const string Shipped = "SHIPPED";
    public const string Received = "RECEIVED";
    public const string Cancelled = "CANCELLED";
    public const string Refunded = "REFUNDED";
}

public sealed record FieldError(string Field, string Reason);

/// <summary>One entry of a batch upsert's results: the code and data that 4.1 would have given for the item alone.</summary>
public sealed record BatchItemResult(string ExternalId, Platform832Result<ProductState> Result);
