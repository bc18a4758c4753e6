using Microsoft.AspNetCore.Mvc;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Runs the reconciliation of the ledger with its sources and the monthly totals, and shows any drift.</summary>
public class ReconciliationModel(StorefrontDbContext db, QuotaReconciliation reconciliation, AuditLog audit, CurrentActor actor, TimeProvider clock) : QuotaAdminPage(clock)
{
    public QuotaReconciliation.Report? Report { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Report = await reconciliation.RunAsync(SelectedYear, ct);
        audit.Record(actor.UserId, actor.Name, "Quota.Reconcile", "QuotaLedger", SelectedYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details: Report.IsClean ? "no drift" : $"{Report.Drifts.Count} organisations drift, {Report.FindingCount} findings");
        await db.SaveChangesAsync(ct);
        return Page();
    }
}
