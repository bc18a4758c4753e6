using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Storefront.Web.Mail;

namespace Storefront.Web.Tests.Suppliers;

public class SupplierMembersOnSqlite(StorefrontFactory factory) : SupplierMembersTests<StorefrontFactory>(factory);
public class SupplierMembersOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierMembersTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The owner invites a colleague by an email link; the colleague joins and manages the supplier too.</summary>
public abstract partial class SupplierMembersTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task TheOwnerInvitesAColleagueWhoAcceptsByTheEmailLinkAndManagesTheListings()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        await Factory.AddListingAsync(supplierId, title: "同事可见莓茶");
        var owner = await SignedInClientAsync(email);
        var colleagueEmail = SupplierArrange.NewEmail("colleague");
        var members = await owner.GetPageAsync("/supplier/members");
        var invalid = await members.SubmitAsync(owner, "#invite-form", [new("Email", "not an email")]);
        Assert.Contains("格式不正确", invalid.Text("[data-valmsg-for='Email']"));
        var invited = await members.SubmitAsync(owner, "#invite-form", [new("Email", colleagueEmail)]);
        Assert.Contains(colleagueEmail, invited.Text("#invitations"));

        // The mail worker writes the invitation to the pickup folder, link included.
        var worker = Factory.Services.GetServices<IHostedService>().OfType<MailWorker>().Single();
        await worker.TryRunAsync(CancellationToken.None);
        var mail = Directory.GetFiles(Path.Combine(Factory.DataPath, "mail-pickup"), "*.eml").Select(File.ReadAllText).Single(m => m.Contains(colleagueEmail));
        var body = await Factory.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == colleagueEmail).Select(m => m.TextBody).SingleAsync());
        var link = new Uri(InvitationLink().Match(body).Value);
        Assert.NotNull(mail);

        var colleague = Client();
        await Factory.RegisterAsync(colleague, colleagueEmail);
        var invitation = await colleague.GetPageAsync(link.PathAndQuery);
        var accepted = await invitation.SubmitAsync(colleague, "#accept-form");
        Assert.Contains("已接受邀请", accepted.Text(".flash"));
        var listings = await colleague.GetPageAsync("/supplier/listings");
        Assert.Contains("同事可见莓茶", listings.Text("#listings"));
        Assert.Null((await colleague.GetPageAsync("/supplier/members")).Find("#invite-form"));

        var ownerView = await owner.GetPageAsync("/supplier/members");
        Assert.Contains(colleagueEmail, ownerView.Text("#members"));
        Assert.Null(ownerView.Find("#invitations"));
    }

    [SkippableFact]
    public async Task TheOwnerWithdrawsAnInvitationAndRemovesAMember()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var owner = await SignedInClientAsync(email);
        var members = await owner.GetPageAsync("/supplier/members");
        var invited = await members.SubmitAsync(owner, "#invite-form", [new("Email", "later@example.cn")]);
        var withdrawn = await invited.SubmitAsync(owner, "#invitations form");
        Assert.Contains("已撤销", withdrawn.Text(".flash"));
        Assert.NotNull(await Factory.WithDbAsync(db => db.Invitations.Where(i => i.SupplierId == supplierId).Select(i => i.RevokedAtUtc).SingleAsync()));

        var (_, otherEmail) = await Factory.AddSupplierAsync();
        await Factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == otherEmail).Select(u => u.Id).SingleAsync();
            db.SupplierMembers.Add(new Core.Suppliers.SupplierMember { SupplierId = supplierId, UserId = userId, JoinedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var page = await owner.GetPageAsync("/supplier/members");
        var removed = await page.SubmitAsync(owner, "#members form");
        Assert.Contains("已移除", removed.Text(".flash"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.SupplierMembers.CountAsync(m => m.SupplierId == supplierId)));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Supplier.RemoveMember" && a.SubjectId == supplierId.ToString())));
    }

    [GeneratedRegex("https?://[^\\s]+/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex InvitationLink();
}
