using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Security;

namespace Storefront.Web.Pages;

/// <summary>The page shown for an error status without a body of its own (404 above all), keeping the status code.</summary>
[IgnoreAntiforgeryToken]
[PublicPage]
public class StatusModel : PageModel
{
    public int Code { get; private set; }
    /// <summary>For a refused upload: the page it came from, to go back to (the same path, read afresh).</summary>
    public string? BackUrl { get; private set; }

    // No handler parameters: binding one would read the body of a refused upload, which is what failed.
    public void OnGet()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var value) ? value : 404;
        // Reached directly (not re-executed), the page answers with the status it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        if (original is null) Response.StatusCode = Code;
        else if (Code == StatusCodes.Status413PayloadTooLarge) BackUrl = original.OriginalPathBase + original.OriginalPath;
    }

    public void OnPost() => OnGet();
}
