using Storefront.Core.Ordering;

namespace Storefront.Core.Fapiao;

/// <summary>普通发票 (ordinary) or 增值税专用发票 (special, which lets the buyer deduct input VAT and so needs its tax id).</summary>
public enum FapiaoKind { Ordinary = 1, Special = 2 }

/// <summary>
/// A buyer's request for the fapiao (增值税发票) of one order: the kind, the title (抬头) and tax id (纳税人识别号, the
/// unified social credit code) it is to carry, and the address the supplier sends it to. One per order; its details
/// may change until the supplier has issued a fapiao against it.
/// </summary>
public class FapiaoRequest
{
    public const int TitleMaxLength = 100;
    public const int EmailMaxLength = 256;

    public long Id { get; private set; }
    public long OrderId { get; init; }
    public Order Order { get; private set; } = null!;
    /// <summary>The order's organisation and supplier, repeated so that each side's queries are scoped without a join.</summary>
    public int OrganisationId { get; init; }
    public int SupplierId { get; init; }
    public FapiaoKind Kind { get; set; }
    public required string Title { get; set; }
    public string? TaxId { get; set; }
    public required string Email { get; set; }
    public DateTime RequestedAtUtc { get; set; }
    public required string RequestedByUserId { get; set; }
    public List<IssuedFapiao> Fapiaos { get; private set; } = [];
}

/// <summary>
/// A fapiao the supplier issued for an order and uploaded: its number, date and amount as printed on it, and the file
/// (PDF or OFD) kept in private storage. A red-letter fapiao (红字发票, 红冲) names the one it reverses and carries a
/// negative amount; an order's fapiaos add up to what it has been invoiced net.
/// </summary>
public class IssuedFapiao
{
    public const int NumberMinLength = 8;
    public const int NumberMaxLength = 20;
    public const int FileNameMaxLength = Suppliers.SupplierDocument.FileNameMaxLength;

    public long Id { get; private set; }
    public long RequestId { get; init; }
    public long OrderId { get; init; }
    public int OrganisationId { get; init; }
    public int SupplierId { get; init; }
    /// <summary>发票号码: 8 digits on a paper or older electronic fapiao, 20 on a fully digital one (数电票).</summary>
    public required string Number { get; init; }
    public DateOnly IssuedOn { get; init; }
    /// <summary>Positive for a fapiao, negative for a red-letter one.</summary>
    public long AmountFen { get; init; }
    /// <summary>The fapiao a red-letter one reverses; null for an ordinary (blue) one.</summary>
    public long? ReversesId { get; init; }
    public required string StoredName { get; init; }
    public required string ContentType { get; init; }
    public required string FileName { get; init; }
    public long Length { get; init; }
    public DateTime UploadedAtUtc { get; init; }
    public string? UploadedByUserId { get; init; }

    public bool IsRedLetter => ReversesId is not null;
}
