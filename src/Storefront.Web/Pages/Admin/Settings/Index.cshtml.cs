using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Settings;

/// <summary>/admin/settings: platform settings, each change audited. For now: whether new listings wait for review.</summary>
public class IndexModel(
    StorefrontDbContext db,
    PlatformSettings settings,
    AuditLog audit,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public bool RequireListingReview { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => RequireListingReview = await settings.RequireListingReviewAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await settings.SetRequireListingReviewAsync(RequireListingReview, actor.UserId, ct))
        {
            audit.Record(actor.UserId, actor.Name, "Settings.RequireListingReview", "PlatformSetting", PlatformSettings.RequireListingReviewKey,
                details: RequireListingReview ? "on" : "off");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another admin saved the setting for the first time at the same moment.
                ModelState.AddModelError(string.Empty, t["AdminSettings.ChangedMeanwhile"]);
                return Page();
            }
        }
        TempData["Status"] = t["AdminSettings.Saved"].Value;
        return RedirectToPage();
    }
}
