using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
/// /approvals: the queue of the organisation's orders at or above its threshold, oldest first, for its approvers to
/// approve or reject with a comment. Orders of other organisations are never found here.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Approver)]
public class IndexModel(StorefrontDbContext db, OrderWorkflow workflow, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record LineRow(string Title, int Quantity, string Unit, long AmountFen);

    public sealed record Row(long Id, string Number, long PurchaseId, string SupplierName, long TotalFen, DateTime CreatedAtUtc,
        string BuyerName, string BuyerUserId, string? PurchaseOrderReference, string? Notes, IReadOnlyList<LineRow> Lines);

    public IReadOnlyList<Row> Queue { get; private set; } = [];
    public long? ThresholdFen { get; private set; }

    /// <summary>The comment of an approval or rejection; required to reject.</summary>
    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        await LoadAsync(seat, ct);
        return Page();
    }

    public enum Decision { Approve, Reject }

    /// <summary>One form per order, its two buttons sending the decision, so that the comment goes with either.</summary>
    public async Task<IActionResult> OnPostDecideAsync([TenantId(TenantRecord.Order)] long id, Decision? decision, CancellationToken ct)
    {
        if (decision is null) return BadRequest();
        var seat = Seat;
        if (Comment?.Length > Order.ReasonMaxLength) ModelState.AddModelError(string.Empty, t["Validation.TooLong", t["Field.Comment"], Order.ReasonMaxLength]);
        var order = await workflow.FindAsync(id, organisationId: seat.OrganisationId, ct: ct);
        if (order is null) return NotFound();
        if (ModelState.IsValid)
        {
            var number = order.Number;
            var result = decision == Decision.Approve
                ? await workflow.ApproveAsync(order, actor.AsOrderActor(), Comment, ct)
                : await workflow.RejectAsync(order, actor.AsOrderActor(), Comment, ct);
            if (result.Succeeded)
            {
                TempData["Status"] = t[decision == Decision.Approve ? "Approvals.Approved" : "Approvals.Rejected", number].Value;
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
        Queue = await db.Orders.AsNoTracking()
            .Where(o => o.OrganisationId == seat.OrganisationId && o.Status == OrderStatus.PendingApproval)
            .OrderBy(o => o.Id)
            .Select(o => new Row(o.Id, o.Number, o.PurchaseId, o.Supplier.Name, o.TotalFen, o.CreatedAtUtc,
                db.Users.Where(u => u.Id == o.Purchase.BuyerUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                o.Purchase.BuyerUserId, o.Purchase.PurchaseOrderReference, o.Purchase.Notes,
                o.Lines.OrderBy(l => l.Id).Select(l => new LineRow(l.Title, l.Quantity, l.Unit, l.AmountFen)).ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
    }
}
