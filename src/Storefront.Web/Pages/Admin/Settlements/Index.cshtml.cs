using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Payments;

namespace Storefront.Web.Pages.Admin.Settlements;

/// <summary>/admin/settlements: every supplier's figures, what is owed and what was paid out.</summary>
public class IndexModel(Core.Payments.Settlements settlements) : PageModel
{
    public IReadOnlyList<Core.Payments.Settlements.Summary> Suppliers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Suppliers = await settlements.SummariesAsync(ct);
}
