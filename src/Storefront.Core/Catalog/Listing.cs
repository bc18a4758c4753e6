using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Catalog;

public enum ListingStatus
{
    Draft = 0,
    PendingReview = 1,
    Published = 2,
    Unpublished = 3,
    Rejected = 4,
    /// <summary>Kept for the orders and the 832 delist that refer to it; never shown again.</summary>
    Deleted = 5,
}

/// <summary>A product offered by a supplier. Every change the 832 platform must see raises <see cref="Revision"/>.</summary>
public class Listing
{
    public const int TitleMaxLength = 60;
    public const int UnitMaxLength = 20;
    public const int SpecMaxLength = 40;
    public const int CertificationMaxLength = 40;
    public const int DescriptionMaxLength = 5000;
    public const string CodePrefix = "L";

    public int Id { get; private set; }
    public int SupplierId { get; set; }
    public Supplier Supplier { get; private set; } = null!;
    public int CategoryId { get; set; }
    public Category Category { get; private set; } = null!;
    public required string OriginCountyCode { get; set; }
    public AdministrativeDivision OriginCounty { get; private set; } = null!;

    public required string Title { get; set; }
    public required string Unit { get; set; }
    public required string Spec { get; set; }
    public int MinOrderQuantity { get; private set; } = 1;
    public int Stock { get; set; }
    public int LeadTimeDays { get; set; }
    public string? CertificationNo { get; set; }
    public string Description { get; set; } = "";
    public ListingStatus Status { get; set; }

    /// <summary>Raised on every change the 832 platform must see; also the optimistic concurrency token.</summary>
    public int Revision { get; set; } = 1;

    /// <summary>The price at the minimum order quantity: what the catalog shows and sorts by.</summary>
    public long BasePriceFen { get; private set; }
    /// <summary>The price of the highest tier: "低至 ¥X".</summary>
    public long LowestPriceFen { get; private set; }
    public List<ListingPriceTier> PriceTiers { get; private set; } = [];
    public List<ListingPhoto> Photos { get; private set; } = [];

    /// <summary>Lower-cased, half-width text of the title and what describes the listing, for substring search.</summary>
    public string SearchText { get; private set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? PublishedAtUtc { get; set; }

    /// <summary>
    /// Records a change the 832 platform must see (any field it receives, stock and status included): raises the
    /// revision, which also writes a sync job when saved. Every such change goes through here.
    /// </summary>
    public void Revise(DateTime nowUtc)
    {
        Revision++;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The code buyers type in a quick order and the 832 platform knows as externalId: "L42".</summary>
    public string Code => CodeOf(Id);

    public static string CodeOf(int id) => CodePrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads "L42", "l42" or "42"; null when it is not a listing code.</summary>
    public static int? ParseCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var span = code.Trim().AsSpan();
        if (span.Length > 0 && (span[0] == 'L' || span[0] == 'l')) span = span[1..];
        return int.TryParse(span, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    public IReadOnlyList<PriceTier> Tiers =>
        PriceTiers.OrderBy(t => t.MinQuantity).Select(t => new PriceTier(t.MinQuantity, t.UnitPriceFen)).ToList();

    /// <summary>Sets the minimum order and the price tiers together, since the first tier starts at the minimum order.</summary>
    public IReadOnlyList<(int Index, PriceTiers.Problem Problem)> SetPricing(int minOrderQuantity, IReadOnlyList<PriceTier> tiers)
    {
        var problems = Catalog.PriceTiers.Validate(tiers, minOrderQuantity);
        if (problems.Count > 0) return problems;
        MinOrderQuantity = minOrderQuantity;
        PriceTiers.Clear();
        PriceTiers.AddRange(tiers.Select(t => new ListingPriceTier { MinQuantity = t.MinQuantity, UnitPriceFen = t.UnitPriceFen }));
        BasePriceFen = tiers[0].UnitPriceFen;
        LowestPriceFen = tiers[^1].UnitPriceFen;
        return problems;
    }

    public void IndexForSearch(string supplierName, Category category, AdministrativeDivision county) =>
        SearchText = SearchTextNormalizer.Normalize(string.Join(' ',
            Title, Spec, category.Name, category.NameEn, county.Name, county.PrefectureName, county.ProvinceName,
            supplierName, CertificationNo, Code));
}

public class ListingPriceTier
{
    public int Id { get; private set; }
    public int ListingId { get; private set; }
    public int MinQuantity { get; init; }
    public long UnitPriceFen { get; init; }
}

/// <summary>A photo of a listing, stored once by the hash of its processed content; position 0 is the main photo.</summary>
public class ListingPhoto
{
    public int Id { get; private set; }
    public int ListingId { get; set; }
    public int Position { get; set; }
    /// <summary>Names the processed images in the photo store: {ContentHash}-{width}.webp / .jpg.</summary>
    public required string ContentHash { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public string AltText { get; set; } = "";
    public DateTime CreatedAtUtc { get; init; }
}
