namespace Storefront.Core.Ordering;

/// <summary>
/// A buying organisation's rating of a supplier for one order, left after acceptance (验收): 1 to 5 stars and a short
/// comment. One per order, whoever of the organisation leaves it (a unique index keeps it so).
/// </summary>
public class SupplierRating
{
    public const int CommentMaxLength = 200;

    public long Id { get; private set; }
    public long OrderId { get; init; }
    public int SupplierId { get; init; }
    public int OrganisationId { get; init; }
    public int Stars { get; init; }
    public string? Comment { get; init; }
    public required string RatedByUserId { get; init; }
    public DateTime RatedAtUtc { get; init; }
}
