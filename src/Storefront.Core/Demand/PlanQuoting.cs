using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>A quote as submitted; <paramref name="Tiers"/> price smaller deliveries than quoted (<see cref="QuoteTiers"/>).</summary>
public sealed record QuoteInput(long UnitPriceFen, long QuantityPerDelivery, DateOnly FirstDeliveryOn, int? ListingId, string? Note,
    IReadOnlyList<PriceTier>? Tiers = null);

/// <summary>
/// A supplier's quote on a plan, first or revised, checked here whatever the form allowed: a verified supplier, not
/// suspended, in a county the plan admits, on an open (approved) plan of its trade, within the ceiling and the plan's
/// quantity, its tiers in order. The organisation (the plan's poster and its org admins) is told of each quote and
/// revision, and each is audited.
/// </summary>
public sealed class PlanQuoting(StorefrontDbContext db, ProcurementPlans plans, TimeProvider clock, Notifier notifier, AuditLog audit)
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
        if (plan.Approval == PlanApproval.AwaitingApproval && plan.ClosedAtUtc is null) return new("", "Quote.PlanAwaitingApproval");
        if (!plan.IsOpenOn(plans.Today)) return new("", "Quote.PlanClosed");
        var designated = await plans.IsDesignatedAsync(supplier.CountyCode, ct);
        if (!designated) return new("", "Quote.CountyNotDesignated", supplier.CountyName);
        var paired = plan.PairedCountiesOnly && await plans.IsPairedAsync(plan.OrganisationId, supplier.CountyCode, ct);
        if (!ProcurementPlans.AdmitsCounty(plan, supplier.CountyCode, designated, paired))
        {
            if (plan.PairedCountiesOnly)
            {
                var organisation = await db.Organisations.Where(o => o.Id == plan.OrganisationId).Select(o => o.Name).SingleAsync(ct);
                return new("", "Quote.NotPairedCounty", organisation, supplier.CountyName);
            }
            var province = await db.Divisions.Where(d => d.Code == plan.ProvinceCode).Select(d => d.Name).SingleAsync(ct);
            return new("", "Quote.OutsideProvince", supplier.CountyName, province);
        }
        if (!await plans.InTradeOf(supplierId).AnyAsync(p => p.Id == plan.Id, ct)) return new("", "Quote.NotInTrade");
        return null;
    }

    public async Task<(PlanQuote? Quote, IReadOnlyList<DemandProblem> Problems)> QuoteAsync(
        int supplierId, OrderWorkflow.Actor quoter, long planId, QuoteInput input, CancellationToken ct = default)
    {
        var userId = quoter.UserId;
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
        var tiers = input.Tiers ?? [];
        if (problems.Count == 0)
            foreach (var (index, problem) in QuoteTiers.Validate(tiers, (int)input.QuantityPerDelivery, input.UnitPriceFen, plan.PriceCeilingFen))
                problems.Add(new(index < 0 ? "Tiers" : $"Tiers[{index}]", $"QuoteTier.{problem}",
                    index + 1, plan.PriceCeilingFen is { } c ? Fen.Format(c) : "", input.QuantityPerDelivery, Fen.Format(input.UnitPriceFen), QuoteTiers.MaxTiers));
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
        quote.Tiers.Clear();
        quote.Tiers.AddRange(tiers.Select(t => new QuoteTier { MinQuantity = t.MinQuantity, UnitPriceFen = t.UnitPriceFen }));
        var revision = new PlanQuoteRevision
        {
            Revision = quote.Revision, UnitPriceFen = quote.UnitPriceFen, QuantityPerDelivery = quote.QuantityPerDelivery,
            FirstDeliveryOn = quote.FirstDeliveryOn, ListingId = quote.ListingId, Note = quote.Note,
            SubmittedByUserId = userId, SubmittedAtUtc = now,
        };
        revision.Tiers.AddRange(tiers.Select(t => new QuoteTier { MinQuantity = t.MinQuantity, UnitPriceFen = t.UnitPriceFen }));
        quote.Revisions.Add(revision);
        var supplierName = await db.Suppliers.Where(s => s.Id == supplierId).Select(s => s.Name).SingleAsync(ct);
        audit.Record(userId, quoter.Name, quote.Revision == 1 ? "Quote.Submit" : "Quote.Revise", ProcurementPlans.SubjectType,
            planId.ToString(System.Globalization.CultureInfo.InvariantCulture), details: $"{supplierName} #{quote.Revision}: {Fen.Format(quote.UnitPriceFen)} × {quote.QuantityPerDelivery}");
        var organisation = await notifier.OrganisationMembersAsync(plan.OrganisationId, OrganisationRoles.OrgAdmin, ct: ct);
        notifier.Notify([.. await notifier.PersonAsync(plan.PostedByUserId, ct), .. organisation], NotificationKind.QuoteReceived,
            $"#{planId} · {supplierName}", $"/organisation/plans/{planId}");
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
