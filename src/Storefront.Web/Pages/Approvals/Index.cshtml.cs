using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
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
/// never found here.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Approver)]
public class IndexModel(StorefrontDbContext db, OrderWorkflow workflow, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
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

    private async Task LoadAsync(CurrentActor.OrganisationSeat seat, CancellationToken ct)
    {
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
