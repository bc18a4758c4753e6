using Storefront.Core.Catalog;

namespace Storefront.Core.Platform832;

/// <summary>
/// A category of the 832 platform's own tree (GET /open/v1/categories), as last read. The platform codes its tree its
/// own way, so a shop category reaches it only through a <see cref="Platform832CategoryMapping"/>.
/// </summary>
public class Platform832Category
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 100;

    public required string Code { get; init; }
    public required string Name { get; set; }
    public string? ParentCode { get; set; }
    /// <summary>When the adapter last read it from the platform.</summary>
    public DateTime ReadAtUtc { get; set; }
}

/// <summary>A county whose products the 832 platform accepts (GET /open/v1/counties), as last read.</summary>
public class Platform832County
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public string? Province { get; set; }
    public DateTime ReadAtUtc { get; set; }
}

/// <summary>
/// Which platform category an admin chose for one of the shop's categories. A listing of an unmapped category (or one
/// mapped to a code the platform no longer lists) is not sent: it waits until the mapping is made.
/// </summary>
public class Platform832CategoryMapping
{
    public int CategoryId { get; init; }
    public Category Category { get; private set; } = null!;
    public required string PlatformCategoryCode { get; set; }
    public DateTime MappedAtUtc { get; set; }
    /// <summary>Who mapped it (an admin's e-mail, or "CSV" with the admin for an import).</summary>
    public string? MappedBy { get; set; }
}

/// <summary>Why a listing waits instead of going to the platform: what an admin must give the shop first.</summary>
[Flags]
public enum ListingWaitReasons
{
    None = 0,
    /// <summary>Its category has no platform category mapped (or the mapped one is no longer on the platform's list).</summary>
    CategoryUnmapped = 1,
    /// <summary>Its origin county is not among the counties the platform accepts.</summary>
    CountyNotAccepted = 2,
}
