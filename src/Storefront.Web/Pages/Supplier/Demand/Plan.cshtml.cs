using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Localization;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Pages.Organisation.Plans;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Demand;

/// <summary>
/// /supplier/demand/{id}: a plan of the supplier's trade and its own quote, which it may revise until the plan closes;
/// when it may not quote (its county, its verification) the page says why, and so does a quote posted all the same.
/// When the plan's terms changed since the supplier's quote, the page says what changed.
/// </summary>
public class PlanModel(StorefrontDbContext db, PlanQuoting quoting, CurrentActor actor, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public sealed class QuoteForm
    {
        /// <summary>Yuan per unit as typed.</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.UnitPrice")]
        public string UnitPrice { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.QuoteQuantity")]
        public long? QuantityPerDelivery { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.FirstDeliveryOn")]
        public DateOnly? FirstDeliveryOn { get; set; }

        [Display(Name = "Quote.Listing")]
        public int? ListingId { get; set; }

        [StringLength(PlanQuote.NoteMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.QuoteNote")]
        public string? Note { get; set; }

        /// <summary>Prices for smaller deliveries, in the order typed; blank rows are left out.</summary>
        public List<TierInput> Tiers { get; set; } = [];
    }

    public sealed class TierInput
    {
        public int? Quantity { get; set; }

        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        public string? Price { get; set; }

        public bool IsBlank => Quantity is null && string.IsNullOrWhiteSpace(Price);
    }

    /// <summary>How many tier rows the form offers (the quoted unit price makes the table's last).</summary>
    public const int TierRows = 4;

    public sealed record RevisionRow(int Revision, long UnitPriceFen, int Quantity, DateOnly FirstDelivery, DateTime AtUtc, IReadOnlyList<PriceTier> Tiers);

    [BindProperty] public QuoteForm Input { get; set; } = new();
    public ProcurementPlan Plan { get; private set; } = null!;
    public string Organisation { get; private set; } = "";
    public string Category { get; private set; } = "";
    public string? ProvinceName { get; private set; }
    public string? Refusal { get; private set; }
    public int? MyRevision { get; private set; }
    /// <summary>The agreement this supplier's quote was awarded, if it was.</summary>
    public long? AgreementId { get; private set; }
    /// <summary>The plan's revision the supplier's quote answers, when the plan has had a later one.</summary>
    public int? QuotedPlanRevision { get; private set; }
    /// <summary>The terms changed since the quote; null when the quoted revision was not kept (only that it changed is known).</summary>
    public IReadOnlyList<PlanChangeLine>? ChangedSinceQuote { get; private set; }
    public IReadOnlyList<RevisionRow> History { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Listings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var mine = await db.PlanQuotes.AsNoTracking().SingleOrDefaultAsync(q => q.PlanId == id && q.SupplierId == SupplierId, ct);
        if (mine is not null)
            Input = new QuoteForm
            {
                UnitPrice = Fen.ToYuanText(mine.UnitPriceFen), QuantityPerDelivery = mine.QuantityPerDelivery,
                FirstDeliveryOn = mine.FirstDeliveryOn, ListingId = mine.ListingId, Note = mine.Note,
                Tiers = mine.Tiers.OrderBy(x => x.MinQuantity).Select(x => new TierInput { Quantity = x.MinQuantity, Price = Fen.ToYuanText(x.UnitPriceFen) }).ToList(),
            };
        return Page();
    }

    public async Task<IActionResult> OnPostQuoteAsync([TenantId(TenantRecord.ProcurementPlan)] long id, CancellationToken ct)
    {
        var price = Fen.ParseYuan(Input.UnitPrice);
        if (!string.IsNullOrWhiteSpace(Input.UnitPrice) && price is null) ModelState.AddModelError("Input.UnitPrice", t["Quote.PriceInvalid"]);
        var (tiers, rowOfTier) = ReadTiers();
        if (ModelState.IsValid)
        {
            var (quote, problems) = await quoting.QuoteAsync(SupplierId, actor.AsOrderActor(), id,
                new QuoteInput(price!.Value, Input.QuantityPerDelivery!.Value, Input.FirstDeliveryOn!.Value, Input.ListingId, Input.Note, tiers), ct);
            if (quote is not null)
            {
                TempData["Status"] = t[quote.Revision == 1 ? "Quote.Sent" : "Quote.Revised", quote.Revision].Value;
                return Redirect($"/supplier/demand/{id}{(SupplierRoute is { } s ? "?supplier=" + s : "")}");
            }
            // A tier's problem goes on the row it was typed in (blank rows are not tiers).
            PlanText.AddTo(ModelState, t, "Input", problems.Select(p =>
                p.Field.StartsWith("Tiers[", StringComparison.Ordinal) && int.TryParse(p.Field[6..^1], out var k)
                    ? p with { Field = $"Tiers[{rowOfTier[k]}]", Args = [rowOfTier[k] + 1, .. p.Args.Skip(1)] } : p));
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The tiers typed, in their order, and the form row of each; an unreadable row is an error on that row.</summary>
    private (List<PriceTier> Tiers, List<int> RowOfTier) ReadTiers()
    {
        var tiers = new List<PriceTier>();
        var rows = new List<int>();
        for (var i = 0; i < Input.Tiers.Count; i++)
        {
            var row = Input.Tiers[i];
            if (row.IsBlank) continue;
            if (row.Quantity is not { } quantity || Fen.ParseYuan(row.Price) is not { } tierPrice)
            {
                ModelState.AddModelError($"Input.Tiers[{i}]", t["QuoteTier.Unreadable", i + 1]);
                continue;
            }
            tiers.Add(new PriceTier(quantity, tierPrice));
            rows.Add(i);
        }
        return (tiers, rows);
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var plan = await db.ProcurementPlans.AsNoTracking().Include(p => p.Category).Include(p => p.Organisation).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return false;
        Plan = plan;
        Organisation = plan.Organisation.Name;
        Category = Cultures.IsEnglish ? plan.Category.NameEn : plan.Category.Name;
        while (Input.Tiers.Count < TierRows) Input.Tiers.Add(new TierInput());
        ProvinceName = plan.ProvinceCode is null ? null : await db.Divisions.Where(d => d.Code == plan.ProvinceCode).Select(d => d.Name).SingleAsync(ct);
        Refusal = await quoting.RefusalAsync(SupplierId, plan, ct) is { } refusal ? t[refusal.Key, refusal.Args].Value : null;
        var supplierId = SupplierId;
        History = await db.PlanQuoteRevisions.AsNoTracking()
            .Where(r => db.PlanQuotes.Any(q => q.Id == r.QuoteId && q.PlanId == id && q.SupplierId == supplierId))
            .OrderByDescending(r => r.Revision)
            .Select(r => new RevisionRow(r.Revision, r.UnitPriceFen, r.QuantityPerDelivery, r.FirstDeliveryOn, r.SubmittedAtUtc,
                r.Tiers.OrderBy(x => x.MinQuantity).Select(x => new PriceTier(x.MinQuantity, x.UnitPriceFen)).ToList())).ToListAsync(ct);
        MyRevision = History.Count == 0 ? null : History[0].Revision;
        AgreementId = await db.SupplyAgreements.Where(a => a.PlanId == id && a.SupplierId == supplierId).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        var quoted = await db.PlanQuotes.AsNoTracking().Where(q => q.PlanId == id && q.SupplierId == supplierId).Select(q => (int?)q.PlanRevision).SingleOrDefaultAsync(ct);
        if (quoted is { } answered && answered < plan.Revision)
        {
            ChangedSinceQuote = await new PlanHistory(db, t).SinceAsync(id, answered, plan.Revision, ct);
            // A plan only approved or closed since has the terms that were quoted on: nothing to say.
            QuotedPlanRevision = ChangedSinceQuote is { Count: 0 } ? null : answered;
        }
        Listings = await db.Listings.AsNoTracking()
            .Where(l => l.SupplierId == supplierId && l.CategoryId == plan.CategoryId && l.Status == ListingStatus.Published)
            .OrderBy(l => l.Title).Select(l => new SelectListItem(l.Title, l.Id.ToString())).ToListAsync(ct);
        return true;
    }
}
