using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Settings;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Settings;

/// <summary>
/// /admin/settings: platform settings, each change audited: whether new listings wait for review, and the collection
/// account buyers pay bank transfers to (all three parts, or none: cleared, buyers are told the account is not set).
/// </summary>
public class IndexModel(
    StorefrontDbContext db,
    PlatformSettings settings,
    AuditLog audit,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class AccountInput
    {
        [Display(Name = "Field.AccountHolder")]
        public string? Holder { get; set; }

        [Display(Name = "Field.AccountBank")]
        public string? Bank { get; set; }

        [Display(Name = "Field.AccountNumber")]
        public string? Number { get; set; }
    }

    [BindProperty] public bool RequireListingReview { get; set; }
    [BindProperty] public AccountInput Account { get; set; } = new();
    /// <summary>The clear button: removing the account is asked for by name, never read from a form left empty.</summary>
    [BindProperty] public bool ClearAccount { get; set; }
    public bool HasAccount { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        RequireListingReview = await settings.RequireListingReviewAsync(ct);
        if (await settings.CollectionAccountAsync(ct) is { } account)
        {
            HasAccount = true;
            Account = new() { Holder = account.Holder, Bank = account.Bank, Number = account.NumberGrouped };
        }
    }

    /// <summary>Saves the collection account, or clears it when the clear button was pressed.</summary>
    public async Task<IActionResult> OnPostAccountAsync(CancellationToken ct)
    {
        RequireListingReview = await settings.RequireListingReviewAsync(ct);
        HasAccount = await settings.CollectionAccountAsync(ct) is not null;
        CollectionAccount? account = null;
        if (!ClearAccount)
        {
            var parsed = CollectionAccount.Parse(Account.Holder, Account.Bank, Account.Number);
            AddProblem("Account.Holder", "Field.AccountHolder", parsed.Holder, CollectionAccount.HolderMaxLength);
            AddProblem("Account.Bank", "Field.AccountBank", parsed.Bank, CollectionAccount.BankMaxLength);
            AddProblem("Account.Number", "Field.AccountNumber", parsed.Number, 0);
            if (parsed.Account is null) return Page();
            account = parsed.Account;
        }
        if (await settings.SetCollectionAccountAsync(account, actor.UserId, ct))
        {
            audit.Record(actor.UserId, actor.Name, "Settings.CollectionAccount", "PlatformSetting", "CollectionAccount",
                details: account is null ? "cleared" : $"{account.Holder} · {account.Bank} · {account.Number}");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                ModelState.AddModelError(string.Empty, t["AdminSettings.ChangedMeanwhile"]);
                return Page();
            }
        }
        TempData["Status"] = t[account is null ? "AdminSettings.AccountCleared" : "AdminSettings.Saved"].Value;
        return RedirectToPage();
    }

    private void AddProblem(string key, string field, CollectionAccount.Problem problem, int maxLength)
    {
        switch (problem)
        {
            case CollectionAccount.Problem.HolderRequired or CollectionAccount.Problem.BankRequired or CollectionAccount.Problem.NumberRequired:
                ModelState.AddModelError(key, t["Validation.Required", t[field]]);
                break;
            case CollectionAccount.Problem.HolderTooLong or CollectionAccount.Problem.BankTooLong:
                ModelState.AddModelError(key, t["Validation.TooLong", t[field], maxLength]);
                break;
            case CollectionAccount.Problem.NumberInvalid:
                ModelState.AddModelError(key, t["CollectionAccount.NumberInvalid", CollectionAccount.NumberMinDigits, CollectionAccount.NumberMaxDigits]);
                break;
        }
    }

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
