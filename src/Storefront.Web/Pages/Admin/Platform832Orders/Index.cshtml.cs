using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Platform832.Orders;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Platform832Orders;

/// <summary>
/// Orders imported from the 832 platform whose buyer matches no organisation by credit code. They count towards a
/// quota once matched: by themselves when the organisation joins, or here, by an admin who names the organisation.
/// </summary>
public class IndexModel(StorefrontDbContext db, OrderImport import, AuditLog audit, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 100;

    public sealed record OrderRow(long Id, string OrderNo, string SupplierCode, string? SupplierName, string BuyerName, string BuyerCreditCode,
        string BuyerUnitType, string Status, long TotalFen, long RefundedFen, DateTime? PaidAtUtc);

    public IReadOnlyList<OrderRow> Waiting { get; private set; } = [];
    public int WaitingCount { get; private set; }
    public int ImportedCount { get; private set; }

    [BindProperty, Display(Name = "Field.OrganisationCreditCode")]
    [Required(ErrorMessage = "Validation.Required")]
    public string? CreditCode { get; set; }

    /// <summary>The order whose match failed, so its field shows the reason.</summary>
    public long? FailedOrderId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostMatchAsync(long id, CancellationToken ct)
    {
        var order = await db.Platform832Orders.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (order is null) return NotFound();
        if (order.OrganisationId is not null)
        {
            TempData["Status"] = t["P832Orders.AlreadyMatched", order.OrderNo].Value;
            return RedirectToPage();
        }
        var code = CreditCode?.Trim().ToUpperInvariant();
        var organisation = string.IsNullOrEmpty(code) ? null : await db.Organisations.Where(o => o.CreditCode == code).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        if (ModelState.IsValid && organisation is null) ModelState.AddModelError(nameof(CreditCode), t["P832Orders.NoSuchOrganisation"]);
        if (!ModelState.IsValid)
        {
            FailedOrderId = id;
            await LoadAsync(ct);
            return Page();
        }
        await import.AssignAsync(order, organisation!.Id, ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.MatchOrder", "Platform832Order", order.OrderNo,
            details: $"buyer {order.BuyerCreditCode} matched to organisation {organisation.Id} ({code})");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["P832Orders.Matched", order.OrderNo, organisation.Name].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRematchAsync(CancellationToken ct)
    {
        var matched = await import.MatchWaitingAsync(ct);
        audit.Record(actor.UserId, actor.Name, "Platform832.RematchOrders", "Platform832Order", "waiting", details: $"{matched} matched");
        await db.SaveChangesAsync(ct);
        TempData["Status"] = t["P832Orders.Rematched", matched].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ImportedCount = await db.Platform832Orders.CountAsync(ct);
        var waiting = db.Platform832Orders.AsNoTracking().Where(o => o.OrganisationId == null);
        WaitingCount = await waiting.CountAsync(ct);
        Waiting = await waiting
            .OrderBy(o => o.PaidAtUtc).ThenBy(o => o.Id)
            .Take(PageSize)
            .Select(o => new OrderRow(o.Id, o.OrderNo, o.SupplierCode, db.Suppliers.Where(s => s.Id == o.SupplierId).Select(s => s.Name).FirstOrDefault(),
                o.BuyerName, o.BuyerCreditCode, o.BuyerUnitType, o.Status, o.TotalFen, o.RefundedFen, o.PaidAtUtc))
            .ToListAsync(ct);
    }
}
