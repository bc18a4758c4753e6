using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.People;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Account;

[AllowAnonymous]
[PublicPage]
public class SignInModel(AccountSignIn accounts, AccountMail mail, SignInThrottle throttle, StorefrontDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = "";

        [Display(Name = "Field.RememberMe")]
        public bool RememberMe { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        actor.UserId is { } userId ? LocalRedirect(AskedReturnUrl ?? await Landing.ForAsync(db, userId, ct)) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!throttle.TryAttempt(HttpContext.Connection.RemoteIpAddress, Input.Email))
        {
            ModelState.AddModelError(string.Empty, t["SignIn.TooManyAttempts"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        var (outcome, user) = await accounts.SignInAsync(Input.Email.Trim(), Input.Password, Input.RememberMe);
        if (outcome == AccountSignIn.Outcome.SignedIn) return LocalRedirect(AskedReturnUrl ?? await Landing.ForAsync(db, user!.Id, ct));
        if (outcome == AccountSignIn.Outcome.Unconfirmed)
        {
            // Only someone who knows the password gets here: a fresh link, in case the first one was lost or expired.
            await mail.ConfirmationAsync(user!, SafeReturnUrl, ct);
            ModelState.AddModelError(string.Empty, t["SignIn.Unconfirmed"]);
            return Page();
        }
        // One answer for a wrong password, an unknown address and a locked account.
        ModelState.AddModelError(string.Empty, t["SignIn.Failed"]);
        return Page();
    }

    /// <summary>The page that asked for the sign-in, if it is one of the shop's own (never another site's address).</summary>
    private string? AskedReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && ReturnUrl != "/" && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    private string SafeReturnUrl => AskedReturnUrl ?? "/";
}
