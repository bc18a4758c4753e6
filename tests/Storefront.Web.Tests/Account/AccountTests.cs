using System.Net;
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
        Assert.Contains("邮箱或密码不正确。", result.Errors);
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
        Assert.Contains("尝试次数过多，账号已暂时锁定，请 15 分钟后再试。", result.Errors);
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
    public async Task RegisteringCreatesAnAccountAndSignsIn()
    {
        var client = Client();
        var email = $"new-{Guid.NewGuid():N}@example.cn";
        var form = await client.GetPageAsync("/account/register");
        var result = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "李老师"), new("Input.Email", email),
            new("Input.Password", "canteen2026"), new("Input.ConfirmPassword", "canteen2026"),
        ]);
        Assert.Equal(email, result.Text("#nav-user"));
        Assert.Contains("欢迎，李老师！", result.Text(".flash"));
    }

    [SkippableFact]
    public async Task RegistrationRefusesADuplicateEmailAWeakPasswordAndAMismatch()
    {
        var client = Client();
        var form = await client.GetPageAsync("/account/register");
        var duplicate = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "王"), new("Input.Email", DemoData.AdminEmail),
            new("Input.Password", "canteen2026"), new("Input.ConfirmPassword", "canteen2026"),
        ]);
        Assert.Contains($"邮箱 {DemoData.AdminEmail} 已被注册。", duplicate.Errors);

        form = await client.GetPageAsync("/account/register");
        var weak = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "王"), new("Input.Email", $"w-{Guid.NewGuid():N}@example.cn"),
            new("Input.Password", "onlyletters"), new("Input.ConfirmPassword", "different1"),
        ]);
        Assert.Contains("两次输入的密码不一致。", weak.Errors);

        form = await client.GetPageAsync("/account/register");
        var noDigit = await form.SubmitAsync(client, "#register-form",
        [
            new("Input.DisplayName", "王"), new("Input.Email", $"w-{Guid.NewGuid():N}@example.cn"),
            new("Input.Password", "onlyletters"), new("Input.ConfirmPassword", "onlyletters"),
        ]);
        Assert.Contains("密码需要包含数字。", noDigit.Errors);
        Assert.Null(noDigit.Find("#nav-user"));
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
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private async Task CreateUserAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
        var result = await users.CreateAsync(new StorefrontUser { UserName = email, Email = email, DisplayName = "t" }, "Correct-horse1");
        Assert.True(result.Succeeded);
    }
}
