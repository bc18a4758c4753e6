using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;

namespace Storefront.Web.Pages.Supplier.Orders;

/// <summary>/supplier/fapiao: buyers' fapiao requests for the supplier's orders, those still to issue (or to reverse) first.</summary>
public class FapiaoRequestsModel(StorefrontDbContext db) : SupplierPageModel
{
    public const int PageSize = 200;

    public sealed record Row(long OrderId, string OrderNumber, string OrganisationName, FapiaoKind Kind, string Title, string? TaxId, string Email,
        DateTime RequestedAtUtc, long InvoiceableFen, long IssuedFen)
    {
        public long OpenFen => Math.Max(0, InvoiceableFen - IssuedFen);
        public bool NeedsRedLetter => IssuedFen > InvoiceableFen;
        public bool Waiting => OpenFen > 0 || NeedsRedLetter;
    }

    /// <summary>true (the default): only requests that wait for the supplier; false: all of them.</summary>
    [BindProperty(SupportsGet = true)] public bool Waiting { get; set; } = true;
    public IReadOnlyList<Row> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Requests = await Query(db, SupplierId, Waiting).Take(PageSize).ToListAsync(ct);

    /// <summary>The supplier's requests (or only those waiting for it), oldest first, with the order's figures, in one query.</summary>
    public static IQueryable<Row> Query(StorefrontDbContext db, int supplierId, bool waitingOnly) =>
        Scope(db, supplierId, waitingOnly).OrderBy(r => r.RequestedAtUtc).ThenBy(r => r.Id).Select(r => new Row(
            r.OrderId, r.Order.Number, r.Order.Organisation.Name, r.Kind, r.Title, r.TaxId, r.Email, r.RequestedAtUtc,
            (r.Order.PaidAtUtc == null ? 0 : r.Order.TotalFen)
                - (db.Refunds.Where(x => x.OrderId == r.OrderId && x.Status == RefundStatus.Succeeded).Sum(x => (long?)x.AmountFen) ?? 0),
            db.IssuedFapiaos.Where(f => f.OrderId == r.OrderId).Sum(f => (long?)f.AmountFen) ?? 0));

    /// <summary>How many requests wait for the supplier: something still to invoice, or a red-letter fapiao due.</summary>
    public static Task<int> WaitingCountAsync(StorefrontDbContext db, int supplierId, CancellationToken ct) =>
        Scope(db, supplierId, waitingOnly: true).CountAsync(ct);

    // Waiting: what was paid net of refunds differs from what was invoiced net (less: to issue; more: to reverse).
    private static IQueryable<FapiaoRequest> Scope(StorefrontDbContext db, int supplierId, bool waitingOnly) =>
        db.FapiaoRequests.AsNoTracking().Where(r => r.SupplierId == supplierId && (!waitingOnly ||
            (r.Order.PaidAtUtc == null ? 0 : r.Order.TotalFen)
                - (db.Refunds.Where(x => x.OrderId == r.OrderId && x.Status == RefundStatus.Succeeded).Sum(x => (long?)x.AmountFen) ?? 0)
            != (db.IssuedFapiaos.Where(f => f.OrderId == r.OrderId).Sum(f => (long?)f.AmountFen) ?? 0)));
}
