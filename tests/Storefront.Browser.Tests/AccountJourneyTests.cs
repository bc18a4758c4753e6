using Microsoft.Playwright;

namespace Storefront.Browser.Tests;

/// <summary>
/// A person registers, opens the link the shop mailed (read from its mail outbox, as the mail worker sends it), and
/// signs in; later they forget the password, ask for a link, set a new one and sign in with it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AccountJourneyTests(BrowserFixture browser)
{
    [SkippableFact]
    public async Task APersonRegistersConfirmsTheirAddressSignsInAndLaterResetsAForgottenPassword()
    {
        var page = await browser.NewPageAsync();
        var email = $"teacher-{Guid.NewGuid():N}@example.cn";

        await page.GotoAsync("/");
        await page.ClickAsync("#register-link");
        await page.FillAsync("#Input_DisplayName", "周老师");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "canteen2026");
        await page.FillAsync("#Input_ConfirmPassword", "canteen2026");
        await page.ClickAsync("#register-submit");
        await Assertions.Expect(page.Locator("#check-mail-text")).ToContainTextAsync("请按邮件中的链接确认邮箱");
        await Assertions.Expect(page.Locator("#nav-user")).ToHaveCountAsync(0);

        await page.GotoAsync(await browser.Factory.MailedLinkAsync(email, "/account/confirm-email"));
        await Assertions.Expect(page.Locator("#email-confirmed")).ToHaveTextAsync("邮箱已确认，现在可以登录了。");
        await page.ClickAsync("#confirmed-sign-in");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "canteen2026");
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#nav-user")).ToHaveTextAsync(email);

        // Signed out, the password forgotten.
        await page.ClickAsync("#sign-out");
        await page.GotoAsync("/account/sign-in");
        await page.ClickAsync("#forgot-password-link");
        await page.FillAsync("#Input_Email", email);
        await page.ClickAsync("#forgot-password-submit");
        await Assertions.Expect(page.Locator("#check-mail-text")).ToContainTextAsync("重设密码的链接");

        await page.GotoAsync(await browser.Factory.MailedLinkAsync(email, "/account/reset-password"));
        await page.FillAsync("#Input_Password", "new-canteen-2027");
        await page.FillAsync("#Input_ConfirmPassword", "new-canteen-2027");
        await page.ClickAsync("#reset-password-submit");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("密码已重设");
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", "new-canteen-2027");
        await page.ClickAsync("#sign-in-submit");
        await Assertions.Expect(page.Locator("#nav-user")).ToHaveTextAsync(email);
    }
}
