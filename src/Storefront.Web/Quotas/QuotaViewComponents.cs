using Microsoft.AspNetCore.Mvc;

namespace Storefront.Web.Quotas;

/// <summary>
/// "This order adds ¥X, bringing you to Y%", for the cart and the order review:
/// <c>@await Component.InvokeAsync("QuotaImpact", new { organisationId, orderFen })</c>.
/// </summary>
public sealed class QuotaImpactViewComponent(QuotaPanel panels) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int organisationId, long orderFen)
    {
        var impact = await panels.ImpactAsync(organisationId, orderFen, HttpContext.RequestAborted);
        return impact is null ? Content("") : View("/Pages/Quota/_QuotaImpact.cshtml", impact);
    }
}

/// <summary>The quota panel of this year, for the organisation dashboard: <c>@await Component.InvokeAsync("QuotaPanel", new { organisationId })</c>.</summary>
public sealed class QuotaPanelViewComponent(QuotaPanel panels) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int organisationId)
    {
        var panel = await panels.LoadAsync(organisationId, panels.CurrentYear, HttpContext.RequestAborted);
        return panel is null ? Content("") : View("/Pages/Quota/_QuotaPanel.cshtml", panel);
    }
}
