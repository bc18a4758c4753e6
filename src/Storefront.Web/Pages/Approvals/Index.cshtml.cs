using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Approvals;

/// <summary>
/// /approvals: the organisation's purchases waiting for approval, oldest first, each one decision: its orders (one per
/// supplier) are shown together, all chosen, and the approver approves or rejects those chosen, with a comment that a
/// rejection requires (<see cref="ApprovalThreshold"/> says which purchases wait). Other organisations' purchases are
/// never found here. Below them, the procurement plans waiting for approval (<see cref="ProcurementPlans"/> says which),
/// each approved or rejected with a reason; a poster does not decide on their own plan.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Approver)]
public class IndexModel(StorefrontDbContext db, OrderWorkflow workflow, ProcurementPlans plans, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record PlanRow(long Id, string Category, string Description, string Spec, int Quantity, string Unit, DeliverySchedule Schedule,
        DateOnly Start, DateOnly End, int Deliveries, long? CeilingFen, string PostedBy, string PostedByUserId, DateTime UpdatedAtUtc, int Revision)
    {
        /// <summary>The most the plan can cost over its term at its ceiling; unknown without one.</summary>
        public long? AtMostFen => CeilingFen is { } c ? c * Quantity * Deliveries : null;
    }

    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];

    public sealed record LineRow(string Title, int Quantity, string Unit, long AmountFen);

    public sealed record OrderRow(long Id, string Number, string SupplierName, long TotalFen, IReadOnlyList<LineRow> Lines);

    public sealed record PurchaseRow(long Id, string Number, DateTime CreatedAtUtc, string BuyerName, string BuyerUserId,
        string? PurchaseOrderReference, string? Notes, IReadOnlyList<OrderRow> Orders)
    {
        public long WaitingFen => Orders.Sum(o => o.TotalFen);
    }

    public IReadOnlyList<PurchaseRow> Queue { get; private set; } = [];
    public long? ThresholdFen { get; private set; }

    /// <summary>The comment of an approval or the reason of a rejection; required to reject.</summary>
    [BindProperty] public string? Comment { get; set; }

    /// <summary>The orders of the purchase the decision is about; the page offers them all, chosen.</summary>
    [BindProperty] public List<long> OrderIds { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(Seat, ct);
        return Page();
    }

    public enum Decision { Approve, Reject }

    /// <summary>One form per purchase, its two buttons sending the decision for the orders chosen.</summary>
    public async Task<IActionResult> OnPostDecideAsync([TenantId(TenantRecord.Purchase)] long id, Decision? decision, CancellationToken ct)
    {
        if (decision is null) return BadRequest();
        var seat = Seat;
        var number = await db.Purchases.Where(p => p.Id == id && p.OrganisationId == seat.OrganisationId).Select(p => p.Number).FirstOrDefaultAsync(ct);
        if (number is null) return NotFound();
        if (Comment?.Length > Order.ReasonMaxLength) ModelState.AddModelError(nameof(Comment), t["Validation.TooLong", t["Field.Comment"], Order.ReasonMaxLength]);
        if (OrderIds.Count == 0) ModelState.AddModelError(string.Empty, $"{number}: {t["OrderOutcome.NothingChosen"]}");
        if (ModelState.IsValid)
        {
            var ids = OrderIds.Distinct().ToList();
            var result = decision == Decision.Approve
                ? await workflow.DecideAsync(id, seat.OrganisationId, ids, [], actor.AsOrderActor(), Comment, ct)
                : await workflow.DecideAsync(id, seat.OrganisationId, [], ids, actor.AsOrderActor(), Comment, ct);
            if (result.Succeeded)
            {
                TempData["Status"] = t[decision == Decision.Approve ? "Approvals.Approved" : "Approvals.Rejected", number, ids.Count].Value;
                return RedirectToPage();
            }
            ModelState.AddModelError(string.Empty, $"{number}: {OrderText.Outcome(t, result)}");
        }
        await LoadAsync(seat, ct);
        return Page();
    }

    /// <summary>One form per plan: approve, or reject with the reason in <see cref="Comment"/>.</summary>
    public async Task<IActionResult> OnPostDecidePlanAsync([TenantId(TenantRecord.ProcurementPlan)] long id, Decision? decision, CancellationToken ct)
    {
        if (decision is null) return BadRequest();
        var seat = Seat;
        var plan = await db.ProcurementPlans.SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == seat.OrganisationId, ct);
        if (plan is null) return NotFound();
        var problem = await plans.DecideAsync(plan, decision == Decision.Approve, Comment, actor.AsOrderActor(), ct);
        if (problem is null)
        {
            TempData["Status"] = t[decision == Decision.Approve ? "PlanApproval.Approved" : "PlanApproval.Rejected", id].Value;
            return RedirectToPage();
        }
        ModelState.AddModelError(string.Empty, $"{t["Plans.NumberOf", id]}: {t[problem.Key, problem.Args]}");
        db.ChangeTracker.Clear();
        await LoadAsync(seat, ct);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task LoadAsync(CurrentActor.OrganisationSeat seat, CancellationToken ct)
    {
        var english = Localization.Cultures.IsEnglish;
        var waiting = await plans.AwaitingApproval(seat.OrganisationId).AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new
            {
                p.Id, Category = english ? p.Category.NameEn : p.Category.Name, p.Description, p.Spec, p.QuantityPerDelivery, p.Unit,
                p.Frequency, p.WeekdayMask, p.IntervalDays, p.DayOfMonth, p.StartDate, p.EndDate, p.PriceCeilingFen, p.PostedByUserId, p.UpdatedAtUtc, p.Revision,
                PostedBy = db.Users.Where(u => u.Id == p.PostedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            })
            .ToListAsync(ct);
        Plans = waiting.Select(p =>
        {
            var schedule = new DeliverySchedule(p.Frequency, DeliverySchedule.WeekdaysOf(p.WeekdayMask), p.IntervalDays, p.DayOfMonth);
            return new PlanRow(p.Id, p.Category, p.Description, p.Spec, p.QuantityPerDelivery, p.Unit, schedule, p.StartDate, p.EndDate,
                schedule.DatesIn(p.StartDate, p.EndDate).Count(), p.PriceCeilingFen, p.PostedBy, p.PostedByUserId, p.UpdatedAtUtc, p.Revision);
        }).ToList();
        ThresholdFen = await db.Organisations.Where(o => o.Id == seat.OrganisationId).Select(o => o.ApprovalThresholdFen).SingleAsync(ct);
        Queue = await db.Purchases.AsNoTracking()
            .Where(p => p.OrganisationId == seat.OrganisationId && p.Orders.Any(o => o.Status == OrderStatus.PendingApproval))
            .OrderBy(p => p.Id)
            .Select(p => new PurchaseRow(p.Id, p.Number, p.CreatedAtUtc,
                db.Users.Where(u => u.Id == p.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                p.BuyerUserId, p.PurchaseOrderReference, p.Notes,
                p.Orders.Where(o => o.Status == OrderStatus.PendingApproval).OrderBy(o => o.Sequence)
                    .Select(o => new OrderRow(o.Id, o.Number, o.Supplier.Name, o.TotalFen,
                        o.Lines.OrderBy(l => l.Id).Select(l => new LineRow(l.Title, l.Quantity, l.Unit, l.AmountFen)).ToList()))
                    .ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
    }
}
