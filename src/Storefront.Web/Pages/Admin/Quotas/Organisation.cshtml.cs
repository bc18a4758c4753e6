using Microsoft.AspNetCore.Mvc;
using Storefront.Web.Pages.Quota;
using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>The last step of the drill-down: one organisation's panel and entries as its own people see them.</summary>
public class OrganisationModel(QuotaPanel panels, TimeProvider clock) : QuotaAdminPage(clock)
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public QuotaPanel.Panel Panel { get; private set; } = null!;
    public EntriesView Entries { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var panel = await panels.LoadAsync(id, SelectedYear, ct);
        if (panel is null) return NotFound();
        Panel = panel;
        var (rows, total) = await panels.EntriesAsync(panel, Math.Max(1, PageNumber), EntriesView.DefaultPageSize, ct);
        Entries = new EntriesView(rows, total, Math.Max(1, PageNumber), EntriesView.DefaultPageSize, p => $"/admin/quotas/organisations/{id}?year={SelectedYear}&p={p}",
            EntriesView.AdminOrderPages);
        return Page();
    }
}
