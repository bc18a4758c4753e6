using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Regions;

namespace Storefront.Core.Catalog;

/// <summary>What a supplier enters for a listing, from the form or a row of an imported table.</summary>
public sealed record ListingInput(
    string Title,
    int CategoryId,
    string OriginCountyCode,
    string Unit,
    string Spec,
    int MinOrderQuantity,
    IReadOnlyList<PriceTier> Tiers,
    int Stock,
    int LeadTimeDays,
    string? CertificationNo,
    string Description);

public enum ListingField { Code, Title, Category, OriginCounty, Unit, Spec, MinOrderQuantity, Tiers, Stock, LeadTimeDays, CertificationNo, Description }

/// <summary>
/// A rule the input breaks. <see cref="Code"/> names the message ("Required", "NotDesignated", a tier problem...);
/// <see cref="TierIndex"/> says which tier, or -1; <see cref="Limit"/> is the limit a "TooLong" or "OutOfRange" broke.
/// </summary>
public sealed record ListingProblem(ListingField Field, string Code, int TierIndex = -1, int Limit = 0);

/// <summary>The rules of a listing's content, and creating and changing listings by them.</summary>
public sealed class ListingEditor(StorefrontDbContext db, DesignatedCounties counties, TimeProvider clock)
{
    /// <summary>
    /// Every problem of the input. The category must be a leaf (a group like 粮油 is not a category of its own) and the
    /// origin a designated county; the tiers follow <see cref="PriceTiers.Validate"/>.
    /// </summary>
    public static IReadOnlyList<ListingProblem> Check(ListingInput input, Category? category, DesignatedCounties.Verdict originVerdict)
    {
        var problems = new List<ListingProblem>();
        Text(problems, ListingField.Title, input.Title, Listing.TitleMaxLength, required: true);
        Text(problems, ListingField.Unit, input.Unit, Listing.UnitMaxLength, required: true);
        Text(problems, ListingField.Spec, input.Spec, Listing.SpecMaxLength, required: true);
        Text(problems, ListingField.CertificationNo, input.CertificationNo, Listing.CertificationMaxLength, required: false);
        Text(problems, ListingField.Description, input.Description, Listing.DescriptionMaxLength, required: false);

        if (category is null) problems.Add(new(ListingField.Category, "Unknown"));
        else if (category.ParentCode is null) problems.Add(new(ListingField.Category, "NotLeaf"));

        if (originVerdict != DesignatedCounties.Verdict.Designated) problems.Add(new(ListingField.OriginCounty, originVerdict.ToString()));

        if (input.MinOrderQuantity < 1) problems.Add(new(ListingField.MinOrderQuantity, "NotPositive"));
        if (input.Stock < 0) problems.Add(new(ListingField.Stock, "Negative"));
        if (input.LeadTimeDays is < 0 or > Listing.MaxLeadTimeDays) problems.Add(new(ListingField.LeadTimeDays, "OutOfRange", Limit: Listing.MaxLeadTimeDays));

        foreach (var (index, problem) in PriceTiers.Validate(input.Tiers, input.MinOrderQuantity))
            problems.Add(new(ListingField.Tiers, problem.ToString(), index));
        return problems;
    }

    private static void Text(List<ListingProblem> problems, ListingField field, string? value, int maxLength, bool required)
    {
        var trimmed = value?.Trim() ?? "";
        if (required && trimmed.Length == 0) problems.Add(new(field, "Required"));
        else if (trimmed.Length > maxLength) problems.Add(new(field, "TooLong", Limit: maxLength));
    }

    public async Task<IReadOnlyList<ListingProblem>> CheckAsync(ListingInput input, CancellationToken ct = default)
    {
        var category = await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.CategoryId, ct);
        return Check(input, category, await counties.CheckAsync(input.OriginCountyCode, ct));
    }

    /// <summary>
    /// Saves a new draft listing. Two saves in one transaction: the search text holds the listing's code, which exists
    /// only once the listing has its id.
    /// </summary>
    public async Task<Listing> CreateAsync(int supplierId, ListingInput input, CancellationToken ct = default)
    {
        var listing = Listing.Create(supplierId, input, clock.GetUtcNow().UtcDateTime);
        db.Listings.Add(listing);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await IndexAsync(listing, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return listing;
    }

    /// <summary>Applies checked input to a tracked listing (its tiers loaded); true when the revision was raised. The caller saves.</summary>
    public async Task<bool> UpdateAsync(Listing listing, ListingInput input, CancellationToken ct = default)
    {
        var revised = listing.Apply(input, clock.GetUtcNow().UtcDateTime);
        await IndexAsync(listing, ct);
        return revised;
    }

    private async Task IndexAsync(Listing listing, CancellationToken ct)
    {
        var supplierName = await db.Suppliers.Where(s => s.Id == listing.SupplierId).Select(s => s.Name).SingleAsync(ct);
        var category = await db.Categories.AsNoTracking().SingleAsync(c => c.Id == listing.CategoryId, ct);
        var county = await db.Divisions.AsNoTracking().SingleAsync(d => d.Code == listing.OriginCountyCode, ct);
        listing.IndexForSearch(supplierName, category, county);
    }
}
