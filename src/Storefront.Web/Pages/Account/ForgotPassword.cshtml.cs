using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

/// <summary>
/// /account/forgot-password: mails a reset link to the address when it has an account; the answer is the same page
/// either way, so that nobody learns which addresses have accounts.
/// </summary>
[AllowAnonymous]
[PublicPage]
public class ForgotPasswordModel(UserManager<StorefrontUser> users, AccountMail mail, SignInThrottle throttle, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Charged like a sign-in, per address and per account, so that nobody floods an inbox with reset mails.
        if (!throttle.TryAttempt(HttpContext.Connection.RemoteIpAddress, Input.Email))
        {
            ModelState.AddModelError(string.Empty, t["SignIn.TooManyAttempts"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        if (await users.FindByEmailAsync(Input.Email.Trim()) is { } user) await mail.PasswordResetAsync(user, ct);
        return RedirectToPage("/Account/CheckMail", new { @for = CheckMailModel.Reason.Reset });
    }
}
