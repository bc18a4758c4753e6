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
/// /account/reset-password: the link in the reset mail, with a form for the new password. The link works once (the
/// reset changes the account's security stamp, which the token carries) and for a limited time. Setting a password
/// this way proves the address, so it confirms it and lifts a lockout.
/// </summary>
[AllowAnonymous]
[PublicPage]
public class ResetPasswordModel(UserManager<StorefrontUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
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

    /// <summary>The account's id, as the link names it.</summary>
    [BindProperty(SupportsGet = true, Name = "user")] public string? Account { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var token = AccountMail.Decode(Code);
        var account = string.IsNullOrEmpty(Account) ? null : await users.FindByIdAsync(Account);
        if (token is null || account is null)
        {
            ModelState.AddModelError(string.Empty, t["ResetPassword.Invalid"]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(account, token, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : "Input.Password",
                    error.Code == "InvalidToken" ? t["ResetPassword.Invalid"] : error.Description);
            return Page();
        }
        if (!account.EmailConfirmed)
        {
            account.EmailConfirmed = true;
            await users.UpdateAsync(account);
        }
        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        TempData["Status"] = t["ResetPassword.Done"].Value;
        return RedirectToPage("/Account/SignIn");
    }
}
