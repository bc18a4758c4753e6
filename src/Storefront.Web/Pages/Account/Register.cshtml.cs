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
/// Creates a person's account, unconfirmed until they open the link mailed to the address. Joining an organisation
/// or a supplier comes after, by invitation or registration of one. An address that already has an account gets the
/// same answer on the page ("check your mail"), at about the same cost, and its owner a mail saying how to sign in,
/// so that the form tells nobody which addresses have accounts.
/// </summary>
[AllowAnonymous]
[PublicPage]
public class RegisterModel(
    UserManager<StorefrontUser> userManager,
    AccountSignIn accounts,
    AccountMail mail,
    SignInThrottle throttle,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(50, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.DisplayName")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, MinimumLength = 8, ErrorMessage = "Validation.Length")]
        [DataType(DataType.Password)]
        [Display(Name = "Field.Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
        [Display(Name = "Field.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public void OnGet() { }

    private string? SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!throttle.TryAttempt(HttpContext.Connection.RemoteIpAddress, account: null))
        {
            ModelState.AddModelError(string.Empty, t["SignIn.TooManyAttempts"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        if (!ModelState.IsValid) return Page();

        var email = Input.Email.Trim();
        // The password's rules first, so that a weak one is refused alike whether the address has an account or not.
        foreach (var validator in userManager.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(userManager, new StorefrontUser(), Input.Password)).Errors)
                ModelState.AddModelError("Input.Password", error.Description);
        if (!ModelState.IsValid) return Page();

        var existing = await userManager.FindByEmailAsync(email);
        if (existing is null)
        {
            var user = new StorefrontUser
            {
                UserName = email,
                Email = email,
                DisplayName = Input.DisplayName.Trim(),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await userManager.CreateAsync(user, Input.Password);
            if (result.Succeeded) await mail.ConfirmationAsync(user, SafeReturnUrl, ct);
            // Registered by someone else a moment ago: answered as below.
            else if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")) existing = await userManager.FindByEmailAsync(email);
            else
            {
                foreach (var error in result.Errors)
                    ModelState.AddModelError(error.Code.Contains("UserName", StringComparison.Ordinal) || error.Code.Contains("Email", StringComparison.Ordinal) ? "Input.Email" : string.Empty, error.Description);
                return Page();
            }
        }
        else
        {
            // What creating the account would have cost, so that the answer takes as long.
            accounts.HashAsForANewAccount(Input.Password);
        }
        if (existing is not null) await mail.AlreadyRegisteredAsync(existing, SafeReturnUrl, ct);
        return RedirectToPage("/Account/CheckMail", new { @for = CheckMailModel.Reason.Register });
    }
}
