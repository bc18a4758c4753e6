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
    public const int ReviewNoteMaxLength = 1000;
    public const int MaxLeadTimeDays = 365;
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

    /// <summary>Why an admin's review refused the listing, shown to the supplier until it is sent again.</summary>
    public string? ReviewNote { get; private set; }

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

    /// <summary>A new draft listing of a supplier, from checked input (see <see cref="ListingEditor"/>).</summary>
    public static Listing Create(int supplierId, ListingInput input, DateTime nowUtc)
    {
        var listing = new Listing
        {
            SupplierId = supplierId,
            Title = "",
            Unit = "",
            Spec = "",
            OriginCountyCode = input.OriginCountyCode,
            Status = ListingStatus.Draft,
            CreatedAtUtc = nowUtc,
        };
        listing.Copy(input);
        listing.UpdatedAtUtc = nowUtc;
        return listing;
    }

    /// <summary>
    /// What the 832 platform receives of a listing, photos and on-sale status aside (their changes revise on their own).
    /// Lead time and the tiers above the first are not sent, so changing only them raises no revision.
    /// </summary>
    public sealed record PlatformContent(
        string Title, int CategoryId, string OriginCountyCode, string? CertificationNo, string Unit, string Spec,
        long PriceFen, int Stock, int MinOrderQuantity, string Description);

    public PlatformContent ContentForPlatform() =>
        new(Title, CategoryId, OriginCountyCode, CertificationNo, Unit, Spec, BasePriceFen, Stock, MinOrderQuantity, Description);

    /// <summary>Applies checked input; raises the revision when the platform's view of the listing changed. True when it did.</summary>
    public bool Apply(ListingInput input, DateTime nowUtc)
    {
        var before = ContentForPlatform();
        Copy(input);
        var revised = ContentForPlatform() != before;
        if (revised) Revise(nowUtc);
        else UpdatedAtUtc = nowUtc;
        return revised;
    }

    private void Copy(ListingInput input)
    {
        Title = input.Title.Trim();
        CategoryId = input.CategoryId;
        OriginCountyCode = input.OriginCountyCode;
        Unit = input.Unit.Trim();
        Spec = input.Spec.Trim();
        Stock = input.Stock;
        LeadTimeDays = input.LeadTimeDays;
        CertificationNo = string.IsNullOrWhiteSpace(input.CertificationNo) ? null : input.CertificationNo.Trim();
        Description = input.Description.Trim();
        // Tiers are replaced only when they changed, so an edit of the title does not rewrite the price table.
        if (MinOrderQuantity != input.MinOrderQuantity || PriceTiers.Count == 0 || !Tiers.SequenceEqual(input.Tiers))
        {
            var problems = SetPricing(input.MinOrderQuantity, input.Tiers);
            if (problems.Count > 0) throw new ArgumentException($"Invalid price tiers: {problems[0].Problem}; check the input first.", nameof(input));
        }
    }

    /// <summary>Sets the stock to a counted quantity, raising the revision when it changed.</summary>
    public bool SetStock(int stock, DateTime nowUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stock);
        if (stock == Stock) return false;
        Stock = stock;
        Revise(nowUtc);
        return true;
    }

    public enum PublishOutcome { Published, SentForReview, SupplierMayNotSell, NotAllowed }

    public bool IsOnSale => Status == ListingStatus.Published;

    /// <summary>
    /// Puts the listing on sale, or in the admins' review queue when review is required and it was never published.
    /// A supplier that is not verified (pending, rejected, suspended) cannot publish.
    /// </summary>
    public PublishOutcome Publish(bool supplierMaySell, bool reviewRequired, DateTime nowUtc)
    {
        if (!supplierMaySell) return PublishOutcome.SupplierMayNotSell;
        if (Status is not (ListingStatus.Draft or ListingStatus.Unpublished or ListingStatus.Rejected)) return PublishOutcome.NotAllowed;
        if (reviewRequired && PublishedAtUtc is null)
        {
            ChangeStatus(ListingStatus.PendingReview, nowUtc);
            ReviewNote = null;
            return PublishOutcome.SentForReview;
        }
        PublishedAtUtc ??= nowUtc;
        ChangeStatus(ListingStatus.Published, nowUtc);
        ReviewNote = null;
        return PublishOutcome.Published;
    }

    /// <summary>Takes the listing off sale (or out of the review queue); it can be published again.</summary>
    public bool Unpublish(DateTime nowUtc)
    {
        if (Status is not (ListingStatus.Published or ListingStatus.PendingReview)) return false;
        ChangeStatus(ListingStatus.Unpublished, nowUtc);
        return true;
    }

    /// <summary>Deletes the listing for good; the row stays for the orders and the 832 delist that refer to it.</summary>
    public bool Delete(DateTime nowUtc)
    {
        if (Status == ListingStatus.Deleted) return false;
        ChangeStatus(ListingStatus.Deleted, nowUtc);
        return true;
    }

    public bool ApproveReview(DateTime nowUtc)
    {
        if (Status != ListingStatus.PendingReview) return false;
        PublishedAtUtc ??= nowUtc;
        ChangeStatus(ListingStatus.Published, nowUtc);
        ReviewNote = null;
        return true;
    }

    public bool RejectReview(string reason, DateTime nowUtc)
    {
        if (Status != ListingStatus.PendingReview || string.IsNullOrWhiteSpace(reason)) return false;
        ChangeStatus(ListingStatus.Rejected, nowUtc);
        ReviewNote = reason.Trim();
        return true;
    }

    // Going on or off sale is what the 832 platform sees of a status (an upsert or a delist); other moves are ours alone.
    private void ChangeStatus(ListingStatus status, DateTime nowUtc)
    {
        var wasOnSale = IsOnSale;
        Status = status;
        if (IsOnSale != wasOnSale) Revise(nowUtc);
        else UpdatedAtUtc = nowUtc;
    }

    public void IndexForSearch(string supplierName, Category category, AdministrativeDivision county) =>
        SearchText = SearchTextOf(Id, Title, Spec, CertificationNo, supplierName, category, county);

    /// <summary>The search text of a listing; also what bulk loads write, which know the ids they give.</summary>
    public static string SearchTextOf(int id, string title, string spec, string? certificationNo, string supplierName, Category category, AdministrativeDivision county) =>
        SearchTextNormalizer.Normalize(string.Join(' ',
            title, spec, category.Name, category.NameEn, county.Name, county.PrefectureName, county.ProvinceName,
            supplierName, certificationNo, CodeOf(id)));
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
