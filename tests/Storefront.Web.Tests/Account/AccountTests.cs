using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.People;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Account;

public class AccountOnSqlite(StorefrontFactory factory) : AccountTests<StorefrontFactory>(factory);
public class AccountOnPostgreSql(PostgreSqlStorefrontFactory factory) : AccountTests<PostgreSqlStorefrontFactory>(factory);

public abstract class AccountTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    public static TheoryData<string> DemoAccounts() =>
    [
        DemoData.AdminEmail,
        DemoData.MemberEmail("school", "buyer"), DemoData.MemberEmail("school", "approver"), DemoData.MemberEmail("school", "admin"),
        DemoData.MemberEmail("hospital", "buyer"), DemoData.MemberEmail("hospital", "approver"), DemoData.MemberEmail("hospital", "admin"),
        DemoData.MemberEmail("agency", "buyer"), DemoData.MemberEmail("agency", "approver"), DemoData.MemberEmail("agency", "admin"),
        DemoData.SupplierEmail("yongshun"),
    ];

    [SkippableTheory]
    [MemberData(nameof(DemoAccounts))]
    public async Task EveryDemoAccountSignsInWithTheDemoPassword(string email)
    {
        var page = await Client().SignInAsync(email);
        Assert.Equal(email, page.Text("#nav-user"));
    }

    [SkippableFact]
    public async Task SigningOutEndsTheSession()
    {
        var client = Client();
        var home = await client.SignInAsync(DemoData.MemberEmail("school", "buyer"));
        var after = await home.SubmitAsync(client, "#sign-out-form");
        Assert.Null(after.Find("#nav-user"));
        Assert.NotNull(after.Find("#sign-in-link"));
    }

    [SkippableFact]
    public async Task AWrongPasswordIsRefusedWithAMessage()
    {
        var client = Client();
        var form = await client.GetPageAsync("/account/sign-in");
        var result = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", DemoData.MemberEmail("hospital", "approver")), new("Input.Password", "wrong-password1")]);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains(Refused, result.Errors);
        Assert.Null(result.Find("#nav-user"));
    }

    [SkippableFact]
    public async Task AnAccountLocksAfterFiveFailuresEvenWithTheRightPasswordAfterwards()
    {
        var client = Client();
        var email = $"lockout-{Guid.NewGuid():N}@example.cn";
        await CreateUserAsync(email);
        for (var i = 0; i < 5; i++)
        {
            var form = await client.GetPageAsync("/account/sign-in");
            await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "not-the-password1")]);
        }
        var signIn = await client.GetPageAsync("/account/sign-in");
        var result = await signIn.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "Correct-horse1")]);
        // Locked, the right password gets the answer a wrong one, or an unknown address, gets: the lock is not told.
        Assert.Equal([Refused], result.Errors);
        Assert.Null(result.Find("#nav-user"));
    }

    [SkippableFact]
    public async Task EmptyAndMalformedFieldsAreShownBesideTheirFields()
    {
        var client = Client();
        var form = await client.GetPageAsync("/account/sign-in");
        var result = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", "not-an-email"), new("Input.Password", "")]);
        Assert.Contains("电子邮箱格式不正确。", result.Errors);
        Assert.Contains("请填写密码。", result.Errors);
    }

    [SkippableFact]
    public async Task RegisteringMailsAConfirmationLinkWithoutWhichThePersonCannotSignIn()
    {
        var client = Client();
        var email = $"new-{Guid.NewGuid():N}@example.cn";
        var form = await client.GetPageAsync("/account/register");
        var sent = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "李老师"), new("Input.Email", email),
            new("Input.Password", "canteen2026"), new("Input.ConfirmPassword", "canteen2026"),
        ]);
        Assert.Equal("/account/check-mail", sent.Url!.AbsolutePath);
        Assert.Equal("我们已向你填写的邮箱发送了一封邮件。请按邮件中的链接确认邮箱，然后登录。", sent.Text("#check-mail-text"));
        Assert.Null(sent.Find("#nav-user"));

        // Before confirming: the right password says so, and sends a fresh link; a wrong one says nothing more.
        var early = await (await client.GetPageAsync("/account/sign-in")).SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "canteen2026")]);
        Assert.Equal(["你的邮箱尚未确认。我们已重新发送确认邮件，请按邮件中的链接确认后再登录。"], early.Errors);
        var wrong = await (await client.GetPageAsync("/account/sign-in")).SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "canteen2027")]);
        Assert.Equal([Refused], wrong.Errors);
        var mails = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == email).OrderBy(m => m.Id).Select(m => new { m.Subject, m.TextBody }).ToListAsync());
        Assert.Equal(["请确认你的邮箱", "请确认你的邮箱"], mails.Select(m => m.Subject));
        Assert.StartsWith("李老师，你好：", mails[0].TextBody);
        Assert.Contains("Open this link to confirm the address", mails[0].TextBody);

        var link = await Factory.MailedLinkAsync(email, "/account/confirm-email");
        var confirmed = await client.GetPageAsync(link);
        Assert.Equal("邮箱已确认，现在可以登录了。", confirmed.Text("#email-confirmed"));
        Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
        var home = await client.SignInAsync(email, "canteen2026");
        Assert.Equal(email, home.Text("#nav-user"));

        // A link with a changed code confirms nothing.
        var tampered = await Client().GetPageAsync(link.Replace("code=", "code=A", StringComparison.Ordinal));
        Assert.NotNull(tampered.Find("#confirm-problem"));
    }

    [SkippableFact]
    public async Task RegisteringAnAddressThatHasAnAccountAnswersAsANewOneAndMailsTheOwner()
    {
        async Task<HtmlPage> RegisterAsync(string email)
        {
            var client = Factory.CreateClientWithoutRedirects();
            var form = await client.GetPageAsync("/account/register");
            var answer = await form.SubmitAsync(client, "#register-form",
                [new("Input.DisplayName", "王"), new("Input.Email", email), new("Input.Password", "canteen2026"), new("Input.ConfirmPassword", "canteen2026")]);
            Assert.Equal(HttpStatusCode.Redirect, answer.Status);
            var next = await client.GetPageAsync(answer.Response.Headers.Location!.OriginalString);
            return new HtmlPage(answer.Response, next.Document, answer.Response.Headers.Location.OriginalString + "\n" + next.Body);
        }
        Client();
        var existing = DemoData.MemberEmail("hospital", "buyer");
        var unknown = $"nobody-{Guid.NewGuid():N}@example.cn";
        var mailsBefore = await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == existing));
        var forExisting = await RegisterAsync(existing);
        var forUnknown = await RegisterAsync(unknown);
        Assert.Equal(Visible(forUnknown.Body), Visible(forExisting.Body));
        Assert.Equal("/account/check-mail?for=Register", forExisting.Response.Headers.Location!.OriginalString);

        // The owner is told, and how to sign in; the account is untouched.
        var mail = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == existing).OrderByDescending(m => m.Id).Select(m => new { m.Subject, m.TextBody }).FirstAsync());
        Assert.Equal(mailsBefore + 1, await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == existing)));
        Assert.Equal("你已有账号", mail.Subject);
        Assert.Contains("登录：https://storefront.test/account/sign-in", mail.TextBody);
        Assert.Contains("忘记密码：https://storefront.test/account/forgot-password", mail.TextBody);
        await Client().SignInAsync(existing);
    }

    [SkippableFact]
    public async Task SignInAnswersAnUnknownAddressAsAWrongPasswordAfterVerifyingAHashAllTheSame()
    {
        var counting = new CountingHasher();
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<StorefrontUser>>(counting)));
        async Task<(HtmlPage Page, int Verifications)> TryAsync(string email)
        {
            var client = app.CreateClient();
            var form = await client.GetPageAsync("/account/sign-in");
            var before = counting.Verifications;
            var page = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "not-the-password1")]);
            return (page, counting.Verifications - before);
        }
        var existing = await TryAsync(DemoData.MemberEmail("agency", "approver"));
        var unknown = await TryAsync($"nobody-{Guid.NewGuid():N}@example.cn");
        Assert.Equal([Refused], existing.Page.Errors);
        Assert.Equal([Refused], unknown.Page.Errors);
        Assert.Equal(Visible(existing.Page.Body), Visible(unknown.Page.Body));
        Assert.Equal((1, 1), (existing.Verifications, unknown.Verifications));
    }

    [SkippableFact]
    public async Task AForgottenPasswordIsResetOnceByTheMailedLinkWhichAlsoLiftsALock()
    {
        var client = Client();
        var email = $"reset-{Guid.NewGuid():N}@example.cn";
        await CreateUserAsync(email);
        for (var i = 0; i < 5; i++)
            await (await client.GetPageAsync("/account/sign-in")).SubmitAsync(client, "#sign-in-form", [new("Input.Email", email), new("Input.Password", "not-the-password1")]);

        var forgot = await client.GetPageAsync("/account/forgot-password");
        var known = await forgot.SubmitAsync(client, "#forgot-password-form", [new("Input.Email", email)]);
        var unknown = await (await client.GetPageAsync("/account/forgot-password")).SubmitAsync(client, "#forgot-password-form", [new("Input.Email", $"nobody-{Guid.NewGuid():N}@example.cn")]);
        Assert.Equal("如果该邮箱已注册，我们已向它发送了重设密码的链接，两小时内有效。", known.Text("#check-mail-text"));
        Assert.Equal(Visible(known.Body), Visible(unknown.Body));

        var link = await Factory.MailedLinkAsync(email, "/account/reset-password");
        var reset = await client.GetPageAsync(link);
        var weak = await reset.SubmitAsync(client, "#reset-password-form", [new("Input.Password", "onlyletters"), new("Input.ConfirmPassword", "onlyletters")]);
        Assert.Contains("密码需要包含数字。", weak.Errors);
        var done = await weak.SubmitAsync(client, "#reset-password-form", [new("Input.Password", "new-horse-2026"), new("Input.ConfirmPassword", "new-horse-2026")]);
        Assert.Equal("/account/sign-in", done.Url!.AbsolutePath);
        Assert.Contains("密码已重设，请用新密码登录。", done.Text(".flash"));
        await Client().SignInAsync(email, "new-horse-2026");

        // The same link again: refused, and the password stays.
        var again = await (await client.GetPageAsync(link)).SubmitAsync(client, "#reset-password-form", [new("Input.Password", "third-horse-2026"), new("Input.ConfirmPassword", "third-horse-2026")]);
        Assert.Equal(["此重设链接无效、已使用或已过期，请重新申请。"], again.Errors);
        await Client().SignInAsync(email, "new-horse-2026");
    }

    [SkippableFact]
    public async Task RegistrationRefusesAWeakPasswordAndAMismatchBesideTheirFields()
    {
        var client = Client();
        var form = await client.GetPageAsync("/account/register");
        var weak = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "王"), new("Input.Email", $"w-{Guid.NewGuid():N}@example.cn"),
            new("Input.Password", "onlyletters"), new("Input.ConfirmPassword", "different1"),
        ]);
        Assert.Contains("两次输入的密码不一致。", weak.Errors);

        // A weak password is refused alike for an address that has an account: the rules come before the address.
        foreach (var email in new[] { $"w-{Guid.NewGuid():N}@example.cn", DemoData.AdminEmail })
        {
            form = await client.GetPageAsync("/account/register");
            var noDigit = await form.SubmitAsync(client, "#register-form",
                [new("Input.DisplayName", "王"), new("Input.Email", email), new("Input.Password", "onlyletters"), new("Input.ConfirmPassword", "onlyletters")]);
            Assert.Equal(["密码需要包含数字。"], noDigit.Errors);
            Assert.Null(noDigit.Find("#nav-user"));
        }
    }

    [SkippableFact]
    public async Task AReturnUrlIsFollowedOnlyWithinTheShop()
    {
        var client = Client();
        var form = await client.GetPageAsync("/account/sign-in?ReturnUrl=%2Fcatalog%3Fq%3Dtea");
        var result = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", DemoData.AdminEmail), new("Input.Password", DemoData.Password)]);
        Assert.Equal("/catalog?q=tea", result.Url!.PathAndQuery);

        var offsite = Factory.CreateClientWithoutRedirects();
        form = await offsite.GetPageAsync("/account/sign-in?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        var response = (await form.SubmitAsync(offsite, "#sign-in-form", [new("Input.Email", DemoData.AdminEmail), new("Input.Password", DemoData.Password)])).Response;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Another site's address is ignored: the admin lands where admins work.
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    private async Task CreateUserAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
        var result = await users.CreateAsync(new StorefrontUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "t" }, "Correct-horse1");
        Assert.True(result.Succeeded);
    }

    private const string Refused = "邮箱或密码不正确。多次输错后账号会暂时锁定；忘记密码可以重设。";

    /// <summary>What a person sees of a page: its text without the per-request antiforgery token and nonces.</summary>
    private static string Visible(string body) => System.Text.RegularExpressions.Regex.Replace(body, "value=\"[^\"]*\"|nonce=\"[^\"]*\"", "");

    /// <summary>Identity's hasher, counting the verifications it makes.</summary>
    private sealed class CountingHasher : IPasswordHasher<StorefrontUser>
    {
        private readonly PasswordHasher<StorefrontUser> _inner = new();
        private int _verifications;
        public int Verifications => _verifications;
        public string HashPassword(StorefrontUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StorefrontUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

/// <summary>The shop with reset links that last a second, to see one expire.</summary>
public sealed class ShortResetLinksFactory : StorefrontFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:PasswordResetLinkLifetime", "00:00:01")];
}

public class PasswordResetLinkExpiryTests(ShortResetLinksFactory factory) : DatabaseTests<ShortResetLinksFactory>(factory)
{
    [SkippableFact]
    public async Task AResetLinkOpenedAfterItsLifetimeChangesNothing()
    {
        var client = Client();
        var email = DemoData.MemberEmail("agency", "buyer");
        var forgot = await client.GetPageAsync("/account/forgot-password");
        await forgot.SubmitAsync(client, "#forgot-password-form", [new("Input.Email", email)]);
        var reset = await client.GetPageAsync(await Factory.MailedLinkAsync(email, "/account/reset-password"));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var late = await reset.SubmitAsync(client, "#reset-password-form", [new("Input.Password", "late-horse-2026"), new("Input.ConfirmPassword", "late-horse-2026")]);
        Assert.Equal(["此重设链接无效、已使用或已过期，请重新申请。"], late.Errors);
        await Client().SignInAsync(email);
    }
}
