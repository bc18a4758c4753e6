using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Pages.Organisation.Agreements;

namespace Storefront.Web.Pages.Supplier.Agreements;

/// <summary>/supplier/agreements: the supplier's supply agreements, newest first; its agreements and its quotes as CSV/XLSX.</summary>
public class IndexModel(StorefrontDbContext db, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public IReadOnlyList<AgreementListRow> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Agreements = await db.SupplyAgreements.AsNoTracking().Where(a => a.SupplierId == SupplierId)
            .OrderByDescending(a => a.Id).Take(500)
            .Select(a => new AgreementListRow(a.Id, a.Organisation.Name, a.Description, a.UnitPriceFen, a.QuantityPerDelivery, a.Unit, a.StartDate, a.EndDate, a.Status, a.Version,
                db.AgreementChangeRequests.Any(r => r.AgreementId == a.Id && r.Status == ChangeRequestStatus.Pending)))
            .ToListAsync(ct);

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        AgreementExport.AgreementsAsync(db, t, format, AgreementSide.Supplier, SupplierId, ct);

    public Task<IActionResult> OnGetQuotesAsync(string? format, CancellationToken ct) =>
        AgreementExport.QuotesAsync(db, t, format, AgreementSide.Supplier, SupplierId, ct);
}
