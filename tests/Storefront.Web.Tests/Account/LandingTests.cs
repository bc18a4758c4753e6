using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;

namespace Storefront.Web.Tests.Account;

public class LandingOnSqlite(StorefrontFactory factory) : LandingTests<StorefrontFactory>(factory);
public class LandingOnPostgreSql(PostgreSqlStorefrontFactory factory) : LandingTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>After signing in each person lands where they work, unless a page of the shop asked for the sign-in.</summary>
public abstract class LandingTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    public static TheoryData<string, string> People() => new()
    {
        { DemoData.AdminEmail, "/admin" },
        { DemoData.SupplierEmail("yongshun"), "/supplier" },
        { DemoData.MemberEmail("school", "admin"), "/organisation" },
        { DemoData.MemberEmail("school", "buyer"), "/catalog" },
        { DemoData.MemberEmail("school", "approver"), "/approvals" },
    };

    [SkippableTheory]
    [MemberData(nameof(People))]
    public async Task EachPersonLandsWhereTheyWork(string email, string landing)
    {
        var page = await Client().SignInAsync(email);
        Assert.Equal(landing, page.Url!.AbsolutePath);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.Status);
    }

    [SkippableFact]
    public async Task ABuyerWhoIsAlsoTheOrgAdminLandsOnTheOrganisation()
    {
        var email = await Factory.NewMemberAsync(OrderingSteps.School, OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin);
        Assert.Equal("/organisation", (await Client().SignInAsync(email)).Url!.AbsolutePath);
    }

    [SkippableTheory]
    [InlineData("/orders", "/orders")]
    [InlineData("/quota?year=2026", "/quota")]
    [InlineData("https://evil.example/orders", "/catalog")]
    [InlineData("//evil.example/orders", "/catalog")]
    public async Task AReturnAddressOfTheShopIsFollowedAndAnyOtherIgnored(string returnUrl, string landing)
    {
        var client = Client();
        var form = await client.GetPageAsync($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var page = await form.SubmitAsync(client, "#sign-in-form", [new("Input.Email", DemoData.MemberEmail("school", "buyer")), new("Input.Password", DemoData.Password)]);
        Assert.Equal((landing, "evil.example" == page.Url!.Host), (page.Url.AbsolutePath, false));
    }

    [SkippableFact]
    public async Task ASignedInPersonOpeningTheSignInPageGoesToTheirLanding()
    {
        var client = Client();
        await client.SignInAsync(DemoData.AdminEmail);
        Assert.Equal("/admin", (await client.GetPageAsync("/account/sign-in")).Url!.AbsolutePath);
    }

    [SkippableFact]
    public async Task TheOrgAdminsPageLinksStraightToTheCanteenFilingItAsksFor()
    {
        // The demo school has not filed this year.
        var client = Client();
        var organisation = await client.SignInAsync(DemoData.MemberEmail("school", "admin"));
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);
        Assert.StartsWith($"{year} 年度的食堂食材采购备案尚未提交。", organisation.Text("#filing-due"));
        Assert.Equal("/organisation/filing", organisation.Get("#filing-link").GetAttribute("href"));
        var filing = await client.GetPageAsync(organisation.Get("#filing-link").GetAttribute("href")!);
        Assert.NotNull(filing.Find("#filing-form"));

        // A buyer is not asked for it.
        var buyer = Client();
        await buyer.SignInAsync(DemoData.MemberEmail("school", "buyer"));
        var page = await buyer.GetPageAsync("/organisation");
        Assert.Null(page.Find("#filing-link"));
        Assert.Null(page.Find("#filing-tile"));
    }
}
