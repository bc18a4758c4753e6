using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

namespace Storefront.Web.Pages.Supplier;

/// <summary>/supplier: the supplier's start page: where its verification stands, and its tools.</summary>
public class IndexModel(StorefrontDbContext db) : SupplierPageModel
{
    public sealed record Summary(
        string Name, VerificationStatus Status, DateTime? SubmittedAtUtc, DateTime? VerifiedAtUtc, string? RejectionReason,
        string? SuspensionReason, string? Platform832Code, int Listings, int OnSale, int Documents);

    public Summary Supplier { get; private set; } = null!;
    public int FapiaoRequestsWaiting { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Supplier = await db.Suppliers.AsNoTracking()
            .Where(s => s.Id == SupplierId)
            .Select(s => new Summary(s.Name, s.Status, s.SubmittedAtUtc, s.VerifiedAtUtc, s.RejectionReason, s.SuspensionReason, s.Platform832Code,
                db.Listings.Count(l => l.SupplierId == s.Id && l.Status != ListingStatus.Deleted),
                db.Listings.Count(l => l.SupplierId == s.Id && l.Status == ListingStatus.Published),
                s.Documents.Count))
            .SingleAsync(ct);
        FapiaoRequestsWaiting = await Orders.FapiaoRequestsModel.WaitingCountAsync(db, SupplierId, ct);
    }
}
