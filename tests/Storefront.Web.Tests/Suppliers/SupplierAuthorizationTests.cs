using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.People;
using Storefront.Web.Tests.Photos;

namespace Storefront.Web.Tests.Suppliers;

public class SupplierAuthorizationOnSqlite(StorefrontFactory factory) : SupplierAuthorizationTests<StorefrontFactory>(factory);
public class SupplierAuthorizationOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierAuthorizationTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// A supplier sees and changes only its own data: every handler of the portal is tried with the ids of another
/// supplier's listing, photo, document, member and invitation, and answers "not found" without changing anything.
/// </summary>
public abstract class SupplierAuthorizationTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private sealed record Victim(int SupplierId, int ListingId, int PhotoId, int DocumentId, int MemberId, long InvitationId, string Snapshot);

    /// <summary>Another supplier with a listing, a photo, a document, a colleague and an open invitation.</summary>
    private async Task<Victim> VictimAsync()
    {
        var (supplierId, _) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(supplierId, withPhoto: true, title: "别人的莓茶");
        var colleague = await Factory.AddSupplierAsync();
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var supplier = await db.Suppliers.SingleAsync(s => s.Id == supplierId);
        var (upload, _) = await Core.Suppliers.SupplierDocuments.ReadAsync(new MemoryStream(TestImages.Png()), "licence.png", scope.ServiceProvider.GetRequiredService<Core.Photos.IPhotoProcessor>());
        var document = await scope.ServiceProvider.GetRequiredService<Core.Suppliers.SupplierDocuments>().StoreAsync(supplier, Core.Suppliers.SupplierDocumentKind.BusinessLicence, upload!, null);
        var colleagueUser = await db.SupplierMembers.Where(m => m.SupplierId == colleague.SupplierId).Select(m => m.UserId).SingleAsync();
        var member = new Core.Suppliers.SupplierMember { SupplierId = supplierId, UserId = colleagueUser, JoinedAtUtc = DateTime.UtcNow };
        db.SupplierMembers.Add(member);
        var owner = await db.SupplierMembers.Where(m => m.SupplierId == supplierId && m.IsOwner).Select(m => m.UserId).SingleAsync();
        scope.ServiceProvider.GetRequiredService<Invitations>().Create("someone@example.cn", owner, supplierId: supplierId);
        await db.SaveChangesAsync();
        var photoId = await db.ListingPhotos.Where(p => p.ListingId == listingId).Select(p => p.Id).SingleAsync();
        var invitationId = await db.Invitations.Where(i => i.SupplierId == supplierId).Select(i => i.Id).SingleAsync();
        return new Victim(supplierId, listingId, photoId, document.Id, member.Id, invitationId, await SnapshotAsync(supplierId));
    }

    private Task<string> SnapshotAsync(int supplierId) => Factory.WithDbAsync(async db =>
    {
        var listing = await db.Listings.Where(l => l.SupplierId == supplierId).Select(l => new { l.Title, l.Stock, l.Status, l.Revision, l.BasePriceFen }).SingleAsync();
        var photos = await db.ListingPhotos.Where(p => db.Listings.Any(l => l.Id == p.ListingId && l.SupplierId == supplierId)).OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Position).ToListAsync();
        var documents = await db.SupplierDocuments.CountAsync(d => d.SupplierId == supplierId);
        var members = await db.SupplierMembers.CountAsync(m => m.SupplierId == supplierId);
        var invitations = await db.Invitations.CountAsync(i => i.SupplierId == supplierId && i.RevokedAtUtc == null);
        var supplier = await db.Suppliers.Where(s => s.Id == supplierId).Select(s => new { s.Name, s.ContactPhone, s.Status }).SingleAsync();
        return $"{listing} {string.Join(",", photos)} {documents} {members} {invitations} {supplier}";
    });

    [SkippableFact]
    public async Task EveryHandlerAnswersNotFoundForAnotherSuppliersIdsAndChangesNothing()
    {
        var victim = await VictimAsync();
        var (attackerId, email) = await Factory.AddSupplierAsync();
        var ownListing = await Factory.AddListingAsync(attackerId, withPhoto: true);
        var client = await SignedInClientAsync(email);
        var l = victim.ListingId;

        string[] gets =
        [
            $"/supplier/listings/edit/{l}",
            $"/supplier/listings/{l}/photos",
            $"/supplier/documents/{victim.DocumentId}",
        ];
        foreach (var url in gets)
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, url);

        (string Url, KeyValuePair<string, string>[] Fields)[] posts =
        [
            ($"/supplier/listings/edit/{l}", [new("Input.Title", "改掉"), new("Input.CategoryId", "14"), new("Input.OriginCountyCode", "433127"), new("Input.Unit", "盒"), new("Input.Spec", "1"), new("Input.MinOrderQuantity", "1"), new("Input.Tiers[0].Quantity", "1"), new("Input.Tiers[0].Price", "1"), new("Input.Stock", "0"), new("Input.LeadTimeDays", "1")]),
            ($"/supplier/listings?handler=Stock&id={l}", [new("stock", "0"), new("revision", "1")]),
            ($"/supplier/listings?handler=Publish&id={l}", []),
            ($"/supplier/listings?handler=Unpublish&id={l}", []),
            ($"/supplier/listings?handler=Delete&id={l}", []),
            ($"/supplier/listings/{l}/photos?handler=Upload", []),
            ($"/supplier/listings/{l}/photos?handler=Main&photoId={victim.PhotoId}", []),
            ($"/supplier/listings/{l}/photos?handler=MoveUp&photoId={victim.PhotoId}", []),
            ($"/supplier/listings/{l}/photos?handler=MoveDown&photoId={victim.PhotoId}", []),
            ($"/supplier/listings/{l}/photos?handler=Delete&photoId={victim.PhotoId}", []),
            // The attacker's own listing with the victim's photo id.
            ($"/supplier/listings/{ownListing}/photos?handler=Delete&photoId={victim.PhotoId}", []),
            ($"/supplier/listings/{ownListing}/photos?handler=Main&photoId={victim.PhotoId}", []),
            ($"/supplier/documents?handler=Delete&id={victim.DocumentId}", []),
            ($"/supplier/members?handler=Remove&id={victim.MemberId}", []),
            ($"/supplier/members?handler=Revoke&id={victim.InvitationId}", []),
        ];
        foreach (var (url, fields) in posts)
            Assert.True((await client.PostFormAsync(url, fields)).StatusCode == HttpStatusCode.NotFound, url);

        // Naming the other supplier in ?supplier= acts for one's own supplier, never for the other.
        var profile = await client.GetPageAsync($"/supplier/profile?supplier={victim.SupplierId}");
        Assert.DoesNotContain(await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == victim.SupplierId).Select(s => s.Name).SingleAsync()), profile.Body);
        var listings = await client.GetPageAsync($"/supplier/listings?supplier={victim.SupplierId}");
        Assert.DoesNotContain("别人的莓茶", listings.Body);
        var saved = await profile.SubmitAsync(client, "#profile-form", [new("Input.ContactPhone", "13900000000"), new("Input.BankName", "银行"), new("Input.BankAccount", "62220212345678"), new("Input.FarmerLinkDescription", "带动")]);
        Assert.Empty(saved.Errors);
        var export = await client.GetStringAsync($"/supplier/listings?handler=Export&format=csv&supplier={victim.SupplierId}");
        Assert.DoesNotContain("别人的莓茶", export);

        Assert.Equal(victim.Snapshot, await SnapshotAsync(victim.SupplierId));
    }

    [SkippableFact]
    public async Task AMemberWhoIsNotTheOwnerCannotInviteOrRemove()
    {
        var (supplierId, _) = await Factory.AddSupplierAsync();
        var (_, colleagueEmail) = await Factory.AddSupplierAsync();
        var memberId = await Factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == colleagueEmail).Select(u => u.Id).SingleAsync();
            // The colleague's own supplier is removed, so that this one is the supplier they act for.
            db.SupplierMembers.RemoveRange(db.SupplierMembers.Where(m => m.UserId == userId));
            var member = new Core.Suppliers.SupplierMember { SupplierId = supplierId, UserId = userId, JoinedAtUtc = DateTime.UtcNow };
            db.SupplierMembers.Add(member);
            await db.SaveChangesAsync();
            return member.Id;
        });
        var colleague = await SignedInClientAsync(colleagueEmail);
        var page = await colleague.GetPageAsync("/supplier/members");
        Assert.NotNull(page.Find("#owner-invites"));
        Assert.Null(page.Find("#invite-form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostFormAsync("/supplier/members?handler=Invite", [new("Email", "friend@example.cn")])).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostFormAsync($"/supplier/members?handler=Remove&id={memberId}")).StatusCode);
        Assert.False(await Factory.WithDbAsync(db => db.Invitations.AnyAsync(i => i.SupplierId == supplierId)));
    }
}
