using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

/// <summary>Signing out is a POST with an antiforgery token, so that no link on another site can sign a person out.</summary>
[PublicPage]
public class SignOutModel(SignInManager<StorefrontUser> signInManager) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return LocalRedirect("/");
    }
}
