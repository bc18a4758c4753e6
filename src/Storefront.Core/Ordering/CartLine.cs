namespace Storefront.Core.Ordering;

/// <summary>
/// A line of a person's cart for the organisation they buy for. <see cref="SeenUnitPriceFen"/> is the price shown when
/// the quantity was last set, so a later change is shown to the buyer rather than applied silently.
/// </summary>
public class CartLine
{
    public long Id { get; private set; }
    public required string UserId { get; init; }
    public int OrganisationId { get; init; }
    public int ListingId { get; init; }
    public int Quantity { get; set; }
    public long SeenUnitPriceFen { get; set; }
    public DateTime AddedAtUtc { get; init; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A named list of an organisation's usual order ("每周食堂订单"), turned into a cart in one step.</summary>
public class SavedList
{
    public const int NameMaxLength = 50;
    public const int MaxLines = 200;

    public long Id { get; private set; }
    public int OrganisationId { get; init; }
    public required string Name { get; set; }
    public required string CreatedByUserId { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    /// <summary>Raised by every edit; two buyers editing the same list at once: the second is refused, not merged.</summary>
    public int Revision { get; set; } = 1;
    public DateTime? UpdatedAtUtc { get; set; }
    public List<SavedListLine> Lines { get; private set; } = [];
}

public class SavedListLine
{
    public long Id { get; private set; }
    public long SavedListId { get; private set; }
    public int ListingId { get; init; }
    public int Quantity { get; set; }
}
