using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Security;

/// <summary>A shop whose host check lets any Host through (a proxy that passes it on, a careless AllowedHosts): links must not follow it.</summary>
public class AnyHostFactory : StorefrontFactory
{
    public const string PublicUrl = "https://shop.example.cn";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Storefront:PublicUrl", PublicUrl), new("AllowedHosts", "*")];
}

public class PostgreSqlAnyHostFactory : AnyHostFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

public class PublicAddressOnSqlite(AnyHostFactory factory) : PublicAddressTests<AnyHostFactory>(factory);
public class PublicAddressOnPostgreSql(PostgreSqlAnyHostFactory factory) : PublicAddressTests<PostgreSqlAnyHostFactory>(factory);

/// <summary>
/// Links in mail are built on the configured public address (Storefront:PublicUrl), never on the Host a request
/// claims: a caller who sends Host: evil.example must not get the shop to mail people a link to evil.example.
/// </summary>
public abstract class PublicAddressTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private async Task<HttpClient> SignedInWithForeignHostAsync(string email)
    {
        var client = await SignedInClientAsync(email);
        client.DefaultRequestHeaders.Host = "evil.example";
        return client;
    }

    [SkippableFact]
    public async Task ACheckoutSentWithAForeignHostMailsTheApproversALinkOnTheConfiguredAddress()
    {
        var buyer = await SignedInWithForeignHostAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Rice)}, 200");
        var before = await Factory.WithDbAsync(db => db.OutgoingMails.MaxAsync(m => (long?)m.Id)) ?? 0;

        var purchase = await buyer.CheckOutAsync();

        Assert.Equal("evil.example", purchase.Response.RequestMessage!.Headers.Host);
        Assert.NotNull(purchase.Find("#awaits-approval"));
        var mail = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.Id > before && m.To == DemoData.MemberEmail("school", "approver")).SingleAsync());
        Assert.Contains($"{AnyHostFactory.PublicUrl}/approvals", mail.TextBody);
        Assert.DoesNotContain("evil.example", mail.TextBody);
    }

    [SkippableFact]
    public async Task InvitationsSentWithAForeignHostLinkToTheConfiguredAddress()
    {
        var orgAdmin = await SignedInWithForeignHostAsync(DemoData.MemberEmail("agency", "admin"));
        var invitee = $"cook-{Guid.NewGuid():N}@example.cn";
        await (await orgAdmin.GetPageAsync("/organisation/members")).SubmitAsync(orgAdmin, "#invite-form", [new("Email", invitee)]);
        var owner = await SignedInWithForeignHostAsync(DemoData.SupplierEmail("yongshun"));
        var colleague = $"colleague-{Guid.NewGuid():N}@example.cn";
        await (await owner.GetPageAsync("/supplier/members")).SubmitAsync(owner, "#invite-form", [new("Email", colleague)]);

        foreach (var to in new[] { invitee, colleague })
        {
            var body = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == to).Select(m => m.TextBody).SingleAsync());
            Assert.Matches($@"{AnyHostFactory.PublicUrl.Replace(".", @"\.")}/invitations/[A-Za-z0-9_-]+", body);
            Assert.DoesNotContain("evil.example", body);
        }
    }
}

/// <summary>Outside Development the shop knows its address and answers only for it.</summary>
public class PublicAddressStartupTests(StorefrontFactory factory) : IClassFixture<StorefrontFactory>
{
    [SkippableFact]
    public async Task ARequestForAnotherHostIsRefusedAndTheConfiguredOneServed()
    {
        var client = factory.CreateClient();
        using var evil = new HttpRequestMessage(HttpMethod.Get, "/");
        evil.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(evil)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Theory]
    [InlineData("Production", "")]
    [InlineData("Staging", "")]
    [InlineData("Production", "shop.example.cn")]
    public void OutsideDevelopmentTheShopRefusesToStartWithoutAnAbsolutePublicAddress(string environment, string publicUrl)
    {
        using var production = factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment(environment);
            b.UseSetting("Storefront:PublicUrl", publicUrl);
        });

        var e = Assert.ThrowsAny<Exception>(() => production.CreateClient());

        var message = (e as InvalidOperationException ?? e.InnerException as InvalidOperationException ?? throw e).Message;
        Assert.Contains("Storefront:PublicUrl", message);
        Assert.Contains("https://shop.example.cn", message);
    }
}
