using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Storefront.Web.Pages;

/// <summary>The page shown for an error status without a body of its own (404 above all), keeping the status code.</summary>
[IgnoreAntiforgeryToken]
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        // Reached directly (not re-executed), the page answers with the status it describes.
        Code = code is >= 400 and <= 599 ? code : 404;
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            Response.StatusCode = Code;
    }

    public void OnPost(int code) => OnGet(code);
}
