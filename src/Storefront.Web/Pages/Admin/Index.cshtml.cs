using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;

namespace Storefront.Web.Pages.Admin;

/// <summary>The admins' start page: what waits for them and where their tools are.</summary>
public class IndexModel(StorefrontDbContext db) : PageModel
{
    public int DesignatedCountyCount { get; private set; }
    public int PendingSuppliers { get; private set; }
    public int PendingOrganisations { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        DesignatedCountyCount = await db.DesignatedCounties.CountAsync(ct);
        PendingSuppliers = await db.Suppliers.CountAsync(s => s.Status == VerificationStatus.Pending, ct);
        PendingOrganisations = await db.Organisations.CountAsync(o => o.Status == VerificationStatus.Pending, ct);
    }
}
