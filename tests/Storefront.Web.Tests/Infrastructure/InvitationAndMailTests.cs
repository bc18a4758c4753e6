using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Core.Mail;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Demo;
using Storefront.Web.Mail;

namespace Storefront.Web.Tests.Infrastructure;

public class InvitationAndMailOnSqlite(StorefrontFactory factory) : InvitationAndMailTests<StorefrontFactory>(factory);
public class InvitationAndMailOnPostgreSql(PostgreSqlStorefrontFactory factory) : InvitationAndMailTests<PostgreSqlStorefrontFactory>(factory);

public abstract class InvitationAndMailTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private async Task<string> InviteAsync(string email, OrganisationRoles roles)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.StorefrontDbContext>();
        var school = await db.Organisations.SingleAsync(o => o.Name == "长沙市岳麓区实验中学");
        var admin = await db.Users.SingleAsync(u => u.Email == DemoData.MemberEmail("school", "admin"));
        var token = scope.ServiceProvider.GetRequiredService<Core.People.Invitations>().Create(email, admin.Id, organisationId: school.Id, roles: roles);
        await db.SaveChangesAsync();
        return token;
    }

    [SkippableFact]
    public async Task AnInvitedPersonRegistersThenAcceptsAndBecomesAMember()
    {
        var client = Client();
        var email = $"cook-{Guid.NewGuid():N}@example.cn";
        var token = await InviteAsync(email, OrganisationRoles.Buyer);

        var invitation = await client.GetPageAsync($"/invitations/{token}");
        Assert.Contains("长沙市岳麓区实验中学", invitation.Text("#invitation-target"));
        Assert.Contains("采购员", invitation.Text("#invitation"));
        // Registering from the invitation: the confirmation mail's link, then signing in, lead back to it.
        var registerUrl = invitation.Get("#invitation a[href^='/account/register']").GetAttribute("href")!;
        var returnUrl = Uri.UnescapeDataString(registerUrl[(registerUrl.IndexOf("ReturnUrl=", StringComparison.OrdinalIgnoreCase) + "ReturnUrl=".Length)..]);
        var back = await Factory.RegisterAndSignInAsync(client, email, "canteen2026", "食堂采购", returnUrl);
        Assert.Equal($"/invitations/{token}", back.Url!.AbsolutePath);
        var accepted = await back.SubmitAsync(client, "#accept-form");
        Assert.Contains("已接受邀请。", accepted.Text(".flash"));

        var member = await Factory.WithDbAsync(db => db.OrganisationMembers.Where(m => m.User.Email == email).Select(m => new { m.Roles, m.Organisation.Name }).SingleAsync());
        Assert.Equal((OrganisationRoles.Buyer, "长沙市岳麓区实验中学"), (member.Roles, member.Name));

        var again = await client.GetPageAsync($"/invitations/{token}");
        Assert.Contains("此邀请已被使用。", again.Text("#invitation-problem"));
    }

    [SkippableFact]
    public async Task AnInvitationCannotBeAcceptedByAnotherAccount()
    {
        var token = await InviteAsync($"someone-{Guid.NewGuid():N}@example.cn", OrganisationRoles.Approver);
        var client = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        var page = await client.GetPageAsync($"/invitations/{token}");
        var refused = await page.SubmitAsync(client, "#accept-form");
        Assert.Contains("此邀请发给了另一个邮箱", refused.Text("#invitation-problem"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/invitations/not-a-token")).StatusCode);
    }

    [SkippableFact]
    public async Task QueuedMailIsWrittenToThePickupFolderOnce()
    {
        Client();
        var to = $"reader-{Guid.NewGuid():N}@example.cn";
        using (var scope = Factory.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<MailQueue>().Enqueue(to, "订单待审批", "请审批订单 PO-1。");
            await scope.ServiceProvider.GetRequiredService<Core.Data.StorefrontDbContext>().SaveChangesAsync();
        }
        var worker = Factory.Services.GetServices<IHostedService>().OfType<MailWorker>().Single();
        await worker.TryRunAsync(CancellationToken.None);
        await worker.TryRunAsync(CancellationToken.None);

        var pickup = Path.Combine(Factory.DataPath, "mail-pickup");
        var files = Directory.GetFiles(pickup, "*.eml").Where(f => File.ReadAllText(f).Contains(to)).ToList();
        Assert.Single(files);
        Assert.Contains("=?utf-8?", File.ReadAllText(files[0]));
        var sent = await Factory.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.To == to));
        Assert.NotNull(sent.SentAtUtc);
    }
}
