using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Payments;
using Storefront.Web.Pages.Admin.Settlements;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>/supplier/settlement: the supplier's own statement (paid, refunded, owed after receipt, settled) and its export.</summary>
[Authorize]
public class SettlementModel(Settlements settlements, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    public Settlements.Statement Statement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await actor.CurrentSupplierAsync(ct) is not { } seat) return Forbid();
        Statement = (await settlements.LoadAsync(seat.SupplierId, ct))!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        if (await actor.CurrentSupplierAsync(ct) is not { } seat) return Forbid();
        return SettlementFile.For((await settlements.LoadAsync(seat.SupplierId, ct))!, format, t) ?? NotFound();
    }
}
