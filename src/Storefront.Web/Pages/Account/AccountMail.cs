using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.People;
using Storefront.Core.Settings;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Account;

/// <summary>
/// The mails of a person's account (confirm the address, "you already have an account", reset the password), queued
/// in the outbox and saved at once. Chinese first, English below, as notification mails are; links are absolute from
/// the shop's public address, with the token Base64url-encoded as it travels in a query string.
/// </summary>
public sealed class AccountMail(UserManager<StorefrontUser> users, MailQueue mail, StorefrontDbContext db, PublicAddress address, IStringLocalizer<SharedResource> t)
{
    public async Task ConfirmationAsync(StorefrontUser user, string? returnUrl, CancellationToken ct)
    {
        var link = await ConfirmationLinkAsync(user, returnUrl);
        await SendAsync(user.Email!, "AccountMail.ConfirmSubject", () => t["AccountMail.ConfirmBody", user.DisplayName, link].Value, ct);
    }

    /// <summary>To the owner of an address someone registered again: how to sign in, or (unconfirmed) a new confirmation link.</summary>
    public async Task AlreadyRegisteredAsync(StorefrontUser user, string? returnUrl, CancellationToken ct)
    {
        if (!user.EmailConfirmed)
        {
            await ConfirmationAsync(user, returnUrl, ct);
            return;
        }
        var signIn = address.Absolute("/account/sign-in");
        var forgot = address.Absolute("/account/forgot-password");
        await SendAsync(user.Email!, "AccountMail.ExistingSubject", () => t["AccountMail.ExistingBody", user.DisplayName, signIn, forgot].Value, ct);
    }

    public async Task PasswordResetAsync(StorefrontUser user, CancellationToken ct)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = address.Absolute($"/account/reset-password?user={Uri.EscapeDataString(user.Id)}&code={code}");
        await SendAsync(user.Email!, "AccountMail.ResetSubject", () => t["AccountMail.ResetBody", user.DisplayName, link].Value, ct);
    }

    private async Task<string> ConfirmationLinkAsync(StorefrontUser user, string? returnUrl)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var back = string.IsNullOrEmpty(returnUrl) ? "" : $"&returnUrl={Uri.EscapeDataString(returnUrl)}";
        return address.Absolute($"/account/confirm-email?user={Uri.EscapeDataString(user.Id)}&code={code}{back}");
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token a link carried, or null when it is not even Base64url.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code)); }
        catch (FormatException) { return null; }
    }

    private async Task SendAsync(string to, string subjectKey, Func<string> body, CancellationToken ct)
    {
        var subject = In(Cultures.Default, () => t[subjectKey].Value);
        mail.Enqueue(to, subject, In(Cultures.Default, body) + "\n\n" + In(Cultures.English, body));
        await db.SaveChangesAsync(ct);
    }

    private static T In<T>(string culture, Func<T> work)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return work(); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
