using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Admin.Orders;

/// <summary>/admin/orders: every purchase, those with approved orders awaiting payment first, searchable by number or organisation.</summary>
public class IndexModel(StorefrontDbContext db) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(long Id, string Number, string OrganisationName, long TotalFen, long DueFen, int Orders, DateTime CreatedAtUtc, IReadOnlyList<OrderStatus> Statuses);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Only purchases with something to pay (approved orders not yet paid).</summary>
    [BindProperty(SupportsGet = true)] public bool Due { get; set; }
    public IReadOnlyList<Row> Purchases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var q = Q?.Trim();
        // An order number "…-2" finds its purchase.
        var number = q is not null && q.Contains('-') ? q[..q.IndexOf('-')] : q;
        Purchases = await db.Purchases.AsNoTracking()
            .Where(p => string.IsNullOrEmpty(q) || p.Number == number || p.Organisation.Name.Contains(q))
            .Where(p => !Due || p.Orders.Any(o => o.Status == OrderStatus.Approved))
            .OrderByDescending(p => p.Id)
            .Take(PageSize)
            .Select(p => new Row(p.Id, p.Number, p.Organisation.Name, p.TotalFen,
                // What is still owed: part-paid orders less what their transfers paid.
                p.Orders.Where(o => o.Status == OrderStatus.Approved).Sum(o => o.TotalFen)
                    - (db.BankTransferShares.Where(s => p.Orders.Any(o => o.Id == s.OrderId && o.Status == OrderStatus.Approved)).Sum(s => (long?)s.AmountFen) ?? 0),
                p.Orders.Count, p.CreatedAtUtc,
                p.Orders.OrderBy(o => o.Sequence).Select(o => o.Status).ToList()))
            .ToListAsync(ct);
    }
}
