using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Web.Localization;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>
/// /supplier/listings/edit and /supplier/listings/edit/{id}: a new listing (saved as a draft) or a change to one. Every
/// rule of <see cref="ListingEditor"/> that the input breaks is shown beside its field; a change the 832 platform
/// must see raises the revision.
/// </summary>
public class EditModel(
    StorefrontDbContext db,
    ListingEditor editor,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public const int MinTierRows = 4;

    public sealed class TierInput
    {
        [Display(Name = "Field.TierQuantity")]
        public int? Quantity { get; set; }

        [Display(Name = "Field.TierPrice")]
        public string? Price { get; set; }

        public bool IsBlank => Quantity is null && string.IsNullOrWhiteSpace(Price);
    }

    public sealed class InputModel
    {
        [Display(Name = "Field.ListingTitle")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Category")]
        public int? CategoryId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.OriginCounty")]
        public string? OriginCountyCode { get; set; }

        [Display(Name = "Field.Unit")]
        public string? Unit { get; set; }

        [Display(Name = "Field.Spec")]
        public string? Spec { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.MinOrderQuantity")]
        public int? MinOrderQuantity { get; set; }

        public List<TierInput> Tiers { get; set; } = [];

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.Stock")]
        public int? Stock { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.LeadTimeDays")]
        public int? LeadTimeDays { get; set; }

        [Display(Name = "Field.CertificationNo")]
        public string? CertificationNo { get; set; }

        [Display(Name = "Field.Description")]
        public string? Description { get; set; }

        /// <summary>The revision the form was filled from: a listing changed since (by an order, a colleague) is not overwritten unseen.</summary>
        public int Revision { get; set; }
    }

    public sealed record CategoryGroup(string Name, IReadOnlyList<(int Id, string Name)> Categories);

    [BindProperty] public InputModel Input { get; set; } = new();
    public int? Id { get; private set; }
    public ListingStatus? Status { get; private set; }
    public string? ReviewNote { get; private set; }
    public IReadOnlyList<CategoryGroup> Categories { get; private set; } = [];
    public IReadOnlyList<CountyOption> Counties { get; private set; } = [];
    /// <summary>The supplier sells on the 832 platform too, which shows one price: the minimum order's tier.</summary>
    public bool OnPlatform832 { get; private set; }

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Listing)] int? id, CancellationToken ct)
    {
        if (id is not null)
        {
            var listing = await FindAsync(id.Value, tracked: false, ct);
            if (listing is null) return NotFound();
            Input = new InputModel
            {
                Title = listing.Title, CategoryId = listing.CategoryId, OriginCountyCode = listing.OriginCountyCode, Unit = listing.Unit,
                Spec = listing.Spec, MinOrderQuantity = listing.MinOrderQuantity, Stock = listing.Stock, LeadTimeDays = listing.LeadTimeDays,
                CertificationNo = listing.CertificationNo, Description = listing.Description, Revision = listing.Revision,
                Tiers = listing.Tiers.Select(tier => new TierInput { Quantity = tier.MinQuantity, Price = Fen.ToYuanText(tier.UnitPriceFen) }).ToList(),
            };
            Describe(listing);
        }
        else
        {
            Input.OriginCountyCode = await db.Suppliers.Where(s => s.Id == SupplierId).Select(s => s.CountyCode).SingleAsync(ct);
            Input.LeadTimeDays = 3;
        }
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TenantId(TenantRecord.Listing)] int? id, CancellationToken ct)
    {
        Listing? listing = null;
        if (id is not null)
        {
            listing = await FindAsync(id.Value, tracked: true, ct);
            if (listing is null) return NotFound();
            Describe(listing);
        }

        var (tiers, rowOfTier) = ReadTiers();
        var input = new ListingInput(
            Input.Title ?? "", Input.CategoryId ?? 0, Input.OriginCountyCode?.Trim() ?? "", Input.Unit ?? "", Input.Spec ?? "",
            Input.MinOrderQuantity ?? 0, tiers, Input.Stock ?? 0, Input.LeadTimeDays ?? 0, Input.CertificationNo, Input.Description ?? "");
        var problems = await editor.CheckAsync(input, ct);
        // A tier row that could not be read, or a missing minimum order, already says what is wrong with the tiers.
        var tiersUnread = rowOfTier.Count < Input.Tiers.Count(r => !r.IsBlank);
        problems = problems.Where(p => p.Field != ListingField.Tiers || !(tiersUnread && p.TierIndex >= 0)
            && !(Input.MinOrderQuantity is null && p.Code == nameof(PriceTiers.Problem.FirstTierNotAtMinimumOrder))).ToList();
        ListingMessages.AddTo(ModelState, t, problems, p => p.Field == ListingField.Tiers && p.TierIndex >= 0
            ? ListingMessages.Key(p with { TierIndex = rowOfTier[p.TierIndex] })
            : ListingMessages.Key(p));

        if (listing is not null && listing.Revision != Input.Revision)
        {
            ModelState.AddModelError(string.Empty, t["Listings.EditedMeanwhile"]);
            // Saving again applies this form over the newer listing, knowingly.
            ModelState.Remove("Input.Revision");
            Input.Revision = listing.Revision;
        }
        if (!ModelState.IsValid)
        {
            await LoadChoicesAsync(ct);
            return Page();
        }

        if (listing is null)
        {
            var created = await editor.CreateAsync(SupplierId, input, ct);
            TempData["Status"] = t["Listings.Created", created.Title].Value;
            return RedirectToPage("/Supplier/Listings/Photos", new { id = created.Id, supplier = SupplierRoute });
        }
        await editor.UpdateAsync(listing, input, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, t["Listings.ChangedMeanwhileReload"]);
            await LoadChoicesAsync(ct);
            return Page();
        }
        TempData["Status"] = t["Listings.Saved", listing.Title].Value;
        return RedirectToPage(new { id = listing.Id, supplier = SupplierRoute });
    }

    /// <summary>The filled tier rows as tiers, each row's mistakes beside it; and for each tier the row it came from.</summary>
    private (List<PriceTier> Tiers, List<int> RowOfTier) ReadTiers()
    {
        var tiers = new List<PriceTier>();
        var rows = new List<int>();
        for (var i = 0; i < Input.Tiers.Count; i++)
        {
            var row = Input.Tiers[i];
            if (row.IsBlank) continue;
            var price = Fen.ParseYuan(row.Price);
            if (row.Quantity is null) ModelState.AddModelError($"Input.Tiers[{i}].Quantity", t["ListingProblem.Tiers.QuantityMissing"]);
            if (price is null) ModelState.AddModelError($"Input.Tiers[{i}].Price", t[string.IsNullOrWhiteSpace(row.Price) ? "ListingProblem.Tiers.PriceMissing" : "ListingProblem.Tiers.PriceUnreadable"]);
            if (row.Quantity is null || price is null) continue;
            tiers.Add(new PriceTier(row.Quantity.Value, price.Value));
            rows.Add(i);
        }
        return (tiers, rows);
    }

    /// <summary>How many tier rows the form shows: those filled and at least one empty, up to the limit.</summary>
    public int TierRowCount => Math.Clamp(Math.Max(MinTierRows, Input.Tiers.Count(r => !r.IsBlank) + 1), 1, PriceTiers.MaxTiers);

    private Task<Listing?> FindAsync(int id, bool tracked, CancellationToken ct)
    {
        var query = db.Listings.Include(l => l.PriceTiers).Where(l => l.Id == id && l.SupplierId == SupplierId && l.Status != ListingStatus.Deleted);
        return (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    private void Describe(Listing listing)
    {
        Id = listing.Id;
        Status = listing.Status;
        ReviewNote = listing.ReviewNote;
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        var english = Cultures.IsEnglish;
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(ct);
        Categories = categories.Where(c => c.ParentCode is null)
            .Select(g => new CategoryGroup(g.DisplayName(english),
                categories.Where(c => c.ParentCode == g.Code).Select(c => (c.Id, c.DisplayName(english))).ToList()))
            .Where(g => g.Categories.Count > 0)
            .ToList();
        Counties = await CountyOption.LoadAsync(db, ct);
        OnPlatform832 = await db.Suppliers.AnyAsync(s => s.Id == SupplierId && s.Platform832Code != null, ct);
    }
}
