using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

/// <summary>
/// /account/check-mail: where registering and asking for a password reset end, whatever the address was, so that the
/// answer is the same page for an address with an account and one without.
/// </summary>
[AllowAnonymous]
[PublicPage]
public class CheckMailModel : PageModel
{
    public enum Reason { Register, Reset }

    [BindProperty(SupportsGet = true)] public Reason For { get; set; }

    public void OnGet() { }
}
