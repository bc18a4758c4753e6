using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Demand;

/// <summary>
/// A quantity per delivery awarded to one quote, and the quote's revision the buyer saw when it decided (null when not
/// known): a quote revised since is not awarded at a price nobody read.
/// </summary>
public sealed record AwardLine(long QuoteId, long Quantity, int? SeenRevision = null);

public sealed record AwardInput(IReadOnlyList<AwardLine> Lines, int ChangeNoticeDays, string? PriceReview);

/// <summary>A quote as the award's rules see it: its quantity and status, and its supplier's standing now.</summary>
public sealed record AwardedQuote(long QuoteId, long PlanId, string SupplierName, VerificationStatus SupplierStatus, int Quantity, QuoteStatus Status,
    int Revision = 1, long UnitPriceFen = 1, IReadOnlyList<PriceTier>? Tiers = null)
{
    /// <summary>The quote's price for a delivery of this quantity: its tier's, or null below its lowest tier.</summary>
    public long? PriceFor(long quantity) => QuoteTiers.PriceFor(Tiers ?? [], Quantity, UnitPriceFen, (int)Math.Min(quantity, int.MaxValue));
}

/// <summary>
/// Awarding a plan's quantity to quotes: each awarded quote becomes a <see cref="SupplyAgreement"/>, all of one award in
/// one transaction, and finishing the award rejects the quotes left. Checked here whatever the form allowed: quotes of
/// this plan only, open, of a verified supplier not suspended, within their quantity and, together with the agreements
/// made before, within the plan's; the plan's awarded quantity is raised by one conditional UPDATE, so two awards at
/// once cannot pass it either. Each supplier is told, and each award and rejection audited.
/// </summary>
public sealed class PlanAwards(StorefrontDbContext db, ProcurementPlans plans, Notifier notifier, AuditLog audit, TimeProvider clock)
{
    public const string AgreementSubject = "SupplyAgreement";
    public const string PlanSubject = "ProcurementPlan";

    /// <summary>The award's problems, from what was read: a pure function, so that its rules are tested alone.</summary>
    public static IReadOnlyList<DemandProblem> Check(ProcurementPlan plan, IReadOnlyList<AwardedQuote> quotes, AwardInput input, DateOnly today)
    {
        var problems = new List<DemandProblem>();
        var lines = input.Lines.Where(l => l.Quantity != 0).ToList();
        if (lines.Count == 0) problems.Add(new("", "Award.NothingAwarded"));
        if (plan.EndDate < today) problems.Add(new("", "Award.PlanOver"));
        if (input.ChangeNoticeDays is < 0 or > SupplyAgreement.MaxChangeNoticeDays)
            problems.Add(new("ChangeNoticeDays", "Award.NoticeRange", SupplyAgreement.MaxChangeNoticeDays));
        if ((input.PriceReview?.Trim().Length ?? 0) > SupplyAgreement.PriceReviewMaxLength)
            problems.Add(new("PriceReview", "Award.PriceReviewTooLong", SupplyAgreement.PriceReviewMaxLength));
        foreach (var line in lines)
        {
            var quote = quotes.FirstOrDefault(q => q.QuoteId == line.QuoteId && q.PlanId == plan.Id);
            if (quote is null) problems.Add(new("", "Award.NotAQuote"));
            else if (quote.Status == QuoteStatus.Awarded) problems.Add(new("", "Award.AlreadyAwarded", quote.SupplierName));
            else if (quote.Status == QuoteStatus.Rejected) problems.Add(new("", "Award.QuoteRejected", quote.SupplierName));
            else if (quote.SupplierStatus == VerificationStatus.Suspended) problems.Add(new("", "Award.SupplierSuspended", quote.SupplierName));
            else if (quote.SupplierStatus != VerificationStatus.Verified) problems.Add(new("", "Award.SupplierNotVerified", quote.SupplierName));
            else if (line.SeenRevision is { } seen && seen != quote.Revision) problems.Add(new("", "Award.QuoteRevised", quote.SupplierName));
            else if (line.Quantity < 1 || line.Quantity > quote.Quantity)
                problems.Add(new("", "Award.QuantityRange", quote.SupplierName, quote.Quantity, plan.Unit));
            // A quote with price tiers names no price below its lowest tier: such a part is not what was offered.
            else if (quote.PriceFor(line.Quantity) is null)
                problems.Add(new("", "Award.BelowQuoteTiers", quote.SupplierName, quote.Tiers!.Min(t => t.MinQuantity), plan.Unit));
        }
        if (problems.Count == 0)
        {
            var remaining = plan.QuantityPerDelivery - plan.AwardedQuantityPerDelivery;
            if (lines.Sum(l => l.Quantity) > remaining) problems.Add(new("", "Award.BeyondPlan", remaining, plan.Unit));
        }
        return problems;
    }

    /// <summary>Awards the quantities given, all or none, or changes nothing and says why.</summary>
    public async Task<(IReadOnlyList<SupplyAgreement> Agreements, IReadOnlyList<DemandProblem> Problems)> AwardAsync(
        int organisationId, long planId, AwardInput input, OrderWorkflow.Actor actor, CancellationToken ct = default)
    {
        var plan = await db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == planId && p.OrganisationId == organisationId, ct);
        if (plan is null) return ([], [new("", "Award.NotAQuote")]);
        var ids = input.Lines.Select(l => l.QuoteId).ToList();
        var read = await db.PlanQuotes.AsNoTracking().Where(q => ids.Contains(q.Id))
            .Select(q => new AwardedQuote(q.Id, q.PlanId, q.Supplier.Name, q.Supplier.Status, q.QuantityPerDelivery, q.Status, q.Revision,
                q.UnitPriceFen, q.Tiers.Select(t => new PriceTier(t.MinQuantity, t.UnitPriceFen)).ToList())).ToListAsync(ct);
        var problems = Check(plan, read, input, plans.Today);
        if (problems.Count > 0) return ([], problems);

        var lines = input.Lines.Where(l => l.Quantity != 0).ToList();
        var total = (int)lines.Sum(l => l.Quantity);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Raised only while it stays within the plan: of two awards at once, the second sees the first's and fails.
        var raised = await db.ProcurementPlans
            .Where(p => p.Id == planId && p.AwardedQuantityPerDelivery + total <= p.QuantityPerDelivery)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.AwardedQuantityPerDelivery, p => p.AwardedQuantityPerDelivery + total), ct);
        if (raised == 0)
        {
            await transaction.RollbackAsync(ct);
            var awarded = await db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync(ct);
            return ([], [new("", "Award.BeyondPlan", plan.QuantityPerDelivery - awarded, plan.Unit)]);
        }
        var quotes = await db.PlanQuotes.Where(q => ids.Contains(q.Id)).ToListAsync(ct);
        var agreements = new List<SupplyAgreement>();
        foreach (var line in lines)
        {
            var quote = quotes.Single(q => q.Id == line.QuoteId);
            quote.Status = QuoteStatus.Awarded;
            quote.DecidedAtUtc = now;
            var agreement = SupplyAgreement.FromAward(plan, quote, read.Single(q => q.QuoteId == quote.Id).PriceFor(line.Quantity)!.Value, (int)line.Quantity, input.ChangeNoticeDays, input.PriceReview?.Trim() ?? "", actor.UserId, now);
            db.SupplyAgreements.Add(agreement);
            agreements.Add(agreement);
        }
        try
        {
            await db.SaveChangesAsync(ct);
            var suppliers = await notifier.SupplierMembersAsync(agreements.Select(a => a.SupplierId), ct);
            foreach (var a in agreements)
            {
                notifier.Notify(suppliers[a.SupplierId], NotificationKind.QuoteAwarded, SubjectOf(a.Id, plan.Description), $"/supplier/agreements/{a.Id}");
                audit.Record(actor.UserId, actor.Name, "Agreement.Award", AgreementSubject, a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    details: $"plan {plan.Id}, quote {a.QuoteId}: {a.QuantityPerDelivery} {a.Unit} × {Money.Fen.Format(a.UnitPriceFen)}");
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same quote awarded at once by someone else (one agreement per quote), or the quote revised meanwhile.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return ([], [new("", "Award.Concurrent")]);
        }
        return (agreements, []);
    }

    /// <summary>
    /// Finishes awarding the plan: closes it for quotes if still open and rejects every quote not awarded, telling each
    /// supplier. Nothing to reject is no error: the plan is closed all the same.
    /// </summary>
    public async Task<(int Rejected, IReadOnlyList<DemandProblem> Problems)> FinishAsync(int organisationId, long planId, OrderWorkflow.Actor actor, CancellationToken ct = default)
    {
        var plan = await db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == planId && p.OrganisationId == organisationId, ct);
        if (plan is null) return (0, [new("", "Award.NotAQuote")]);
        var now = clock.GetUtcNow().UtcDateTime;
        // Closing raises the plan's revision: kept as its row like every other change.
        if (plan.Close(now)) plan.KeepRevision(actor.UserId, actor.Name);
        var open = await db.PlanQuotes.Where(q => q.PlanId == planId && q.Status == QuoteStatus.Open).ToListAsync(ct);
        foreach (var quote in open)
        {
            quote.Status = QuoteStatus.Rejected;
            quote.DecidedAtUtc = now;
        }
        var suppliers = await notifier.SupplierMembersAsync(open.Select(q => q.SupplierId), ct);
        foreach (var quote in open)
            notifier.Notify(suppliers[quote.SupplierId], NotificationKind.QuoteRejected, $"#{plan.Id} {Short(plan.Description)}", $"/supplier/demand/{plan.Id}");
        audit.Record(actor.UserId, actor.Name, "Plan.FinishAward", PlanSubject, plan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: $"rejected quotes: {string.Join(",", open.Select(q => q.Id))}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (0, [new("", "Plans.ChangedMeanwhile")]);
        }
        return (open.Count, []);
    }

    /// <summary>How notifications name an agreement: its number and what it supplies.</summary>
    public static string SubjectOf(long agreementId, string description) => $"#{agreementId} {Short(description)}";

    private static string Short(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
