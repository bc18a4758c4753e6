namespace Storefront.Core.Suppliers;

public enum SupplierDocumentKind
{
    BusinessLicence = 1,        // 营业执照
    FoodProductionLicence = 2,  // 食品生产许可证
}

/// <summary>
/// A licence a supplier uploaded for verification. The file lives in private storage under <see cref="StoredName"/>,
/// never under the web root, and is served only to the supplier's members and to admins.
/// </summary>
public class SupplierDocument
{
    public const int FileNameMaxLength = 200;

    public int Id { get; private set; }
    public int SupplierId { get; set; }
    public SupplierDocumentKind Kind { get; set; }
    /// <summary>A random name in the document store; the uploaded name is never used as a path.</summary>
    public required string StoredName { get; init; }
    /// <summary>The type found from the bytes, not the one the browser claimed.</summary>
    public required string ContentType { get; init; }
    /// <summary>The name the person uploaded, for display and download only.</summary>
    public required string FileName { get; init; }
    public long Length { get; init; }
    public DateTime UploadedAtUtc { get; init; }
    public string? UploadedByUserId { get; init; }
}
