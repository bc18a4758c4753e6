using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

/// <summary>
/// /account/confirm-email: the link in the confirmation mail. Opening it confirms the address (again is harmless);
/// the person then signs in, and goes on where they were going (an invitation, say).
/// </summary>
[AllowAnonymous]
[PublicPage]
public class ConfirmEmailModel(UserManager<StorefrontUser> users) : PageModel
{
    public bool Confirmed { get; private set; }
    public string SignInUrl { get; private set; } = "/account/sign-in";

    public async Task OnGetAsync(string? user, string? code, string? returnUrl)
    {
        if (!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl)) SignInUrl += "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = AccountMail.Decode(code);
        if (token is null || string.IsNullOrEmpty(user) || await users.FindByIdAsync(user) is not { } account) return;
        Confirmed = account.EmailConfirmed || (await users.ConfirmEmailAsync(account, token)).Succeeded;
    }
}
