using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

public sealed record QuoteInput(long UnitPriceFen, long QuantityPerDelivery, DateOnly FirstDeliveryOn, int? ListingId, string? Note);

/// <summary>
/// A supplier's quote on a plan, first or revised, checked here whatever the form allowed: a verified supplier, not
/// suspended, in a county the plan admits, on an open plan of its trade, within the ceiling and the plan's quantity.
/// </summary>
public sealed class PlanQuoting(StorefrontDbContext db, ProcurementPlans plans, TimeProvider clock)
{
    /// <summary>Why this supplier may not quote on this plan at all, or null when it may.</summary>
    public async Task<DemandProblem?> RefusalAsync(int supplierId, ProcurementPlan plan, CancellationToken ct = default)
    {
        var supplier = await db.Suppliers.AsNoTracking().Where(s => s.Id == supplierId)
            .Select(s => new { s.Status, s.CountyCode, CountyName = s.County.Name }).SingleAsync(ct);
        // Awarded or rejected, the quote is part of a decision and no longer changes.
        if (await db.PlanQuotes.AnyAsync(q => q.PlanId == plan.Id && q.SupplierId == supplierId && q.Status != QuoteStatus.Open, ct))
            return new("", "Quote.Decided");
        if (supplier.Status == VerificationStatus.Suspended) return new("", "Quote.Suspended");
        if (supplier.Status != VerificationStatus.Verified) return new("", "Quote.NotVerified");
        if (!plan.IsOpenOn(plans.Today)) return new("", "Quote.PlanClosed");
        var designated = await plans.IsDesignatedAsync(supplier.CountyCode, ct);
        if (!designated) return new("", "Quote.CountyNotDesignated", supplier.CountyName);
        if (!ProcurementPlans.AdmitsCounty(plan, supplier.CountyCode, designated))
        {
            var province = await db.Divisions.Where(d => d.Code == plan.ProvinceCode).Select(d => d.Name).SingleAsync(ct);
            return new("", "Quote.OutsideProvince", supplier.CountyName, province);
        }
        if (!await plans.InTradeOf(supplierId).AnyAsync(p => p.Id == plan.Id, ct)) return new("", "Quote.NotInTrade");
        return null;
    }

    public async Task<(PlanQuote? Quote, IReadOnlyList<DemandProblem> Problems)> QuoteAsync(
        int supplierId, string userId, long planId, QuoteInput input, CancellationToken ct = default)
    {
        var plan = await db.ProcurementPlans.SingleAsync(p => p.Id == planId, ct);
        if (await RefusalAsync(supplierId, plan, ct) is { } refusal) return (null, [refusal]);

        var problems = new List<DemandProblem>();
        if (input.UnitPriceFen < 1) problems.Add(new("UnitPrice", "Quote.PriceRequired"));
        else if (plan.PriceCeilingFen is { } ceiling && input.UnitPriceFen > ceiling)
            problems.Add(new("UnitPrice", "Quote.AboveCeiling", Fen.Format(ceiling)));
        if (input.QuantityPerDelivery < 1 || input.QuantityPerDelivery > plan.QuantityPerDelivery)
            problems.Add(new("QuantityPerDelivery", "Quote.QuantityRange", plan.QuantityPerDelivery, plan.Unit));
        var earliest = plans.Today > plan.StartDate ? plans.Today : plan.StartDate;
        if (input.FirstDeliveryOn < earliest || input.FirstDeliveryOn > plan.EndDate)
            problems.Add(new("FirstDeliveryOn", "Quote.FirstDeliveryOutside", earliest.ToString("yyyy-MM-dd"), plan.EndDate.ToString("yyyy-MM-dd")));
        if (input.ListingId is { } listingId && !await db.Listings.AnyAsync(l => l.Id == listingId && l.SupplierId == supplierId
                && l.CategoryId == plan.CategoryId && l.Status == ListingStatus.Published, ct))
            problems.Add(new("ListingId", "Quote.ListingNotYours"));
        if ((input.Note?.Length ?? 0) > PlanQuote.NoteMaxLength) problems.Add(new("Note", "Quote.NoteTooLong", PlanQuote.NoteMaxLength));
        if (problems.Count > 0) return (null, problems);

        var now = clock.GetUtcNow().UtcDateTime;
        var quote = await db.PlanQuotes.SingleOrDefaultAsync(q => q.PlanId == planId && q.SupplierId == supplierId, ct);
        if (quote is null)
        {
            quote = new PlanQuote { PlanId = planId, SupplierId = supplierId, SubmittedAtUtc = now };
            db.PlanQuotes.Add(quote);
        }
        quote.UnitPriceFen = input.UnitPriceFen;
        quote.QuantityPerDelivery = (int)input.QuantityPerDelivery;
        quote.FirstDeliveryOn = input.FirstDeliveryOn;
        quote.ListingId = input.ListingId;
        quote.Note = input.Note?.Trim() ?? "";
        quote.PlanRevision = plan.Revision;
        quote.UpdatedAtUtc = now;
        quote.Revision++;
        quote.Revisions.Add(new PlanQuoteRevision
        {
            Revision = quote.Revision, UnitPriceFen = quote.UnitPriceFen, QuantityPerDelivery = quote.QuantityPerDelivery,
            FirstDeliveryOn = quote.FirstDeliveryOn, ListingId = quote.ListingId, Note = quote.Note,
            SubmittedByUserId = userId, SubmittedAtUtc = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two submissions of the same supplier at once: the unique quote per plan, or its revision, refused one.
            return (null, [new("", "Quote.Concurrent")]);
        }
        return (quote, []);
    }
}
