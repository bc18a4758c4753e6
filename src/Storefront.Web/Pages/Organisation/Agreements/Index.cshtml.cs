using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>/organisation/agreements: the organisation's supply agreements, newest first, and their CSV/XLSX file.</summary>
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class IndexModel(StorefrontDbContext db, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public IReadOnlyList<AgreementListRow> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Agreements = await db.SupplyAgreements.AsNoTracking().Where(a => a.OrganisationId == Seat.OrganisationId)
            .OrderByDescending(a => a.Id).Take(500)
            .Select(a => new AgreementListRow(a.Id, a.Supplier.Name, a.Description, a.UnitPriceFen, a.QuantityPerDelivery, a.Unit, a.StartDate, a.EndDate, a.Status, a.Version,
                db.AgreementChangeRequests.Any(r => r.AgreementId == a.Id && r.Status == ChangeRequestStatus.Pending)))
            .ToListAsync(ct);

    public Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct) =>
        AgreementExport.AgreementsAsync(db, t, format, AgreementSide.Organisation, Seat.OrganisationId, ct);
}
