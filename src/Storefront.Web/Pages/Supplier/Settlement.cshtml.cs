using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Payments;
using Storefront.Web.Pages.Admin.Settlements;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>/supplier/settlement: the supplier's own statement (paid, refunded, owed after receipt, settled) and its export.</summary>
public class SettlementModel(Settlements settlements, IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    public Settlements.Statement Statement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        Statement = (await settlements.LoadAsync(seat.SupplierId, ct))!;
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var seat = Seat;
        return SettlementFile.For((await settlements.LoadAsync(seat.SupplierId, ct))!, format, t) ?? NotFound();
    }
}
