using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Photos;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Admin;

public class ZonePicturesOnSqlite(StorefrontFactory factory) : ZonePicturesTests<StorefrontFactory>(factory);
public class ZonePicturesOnPostgreSql(PostgreSqlStorefrontFactory factory) : ZonePicturesTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The home page's zone pictures: the newest listing's photo by default, an admin's choice when made.</summary>
public abstract class ZonePicturesTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static string? HomePhotoOf(HtmlPage home, string zoneLink) =>
        home.Find($"a[href='{zoneLink}'] img")?.GetAttribute("src");

    private Task<string> HashOfListingAsync(int listingId) =>
        Factory.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == listingId && p.Position == 0).Select(p => p.ContentHash).SingleAsync());

    [SkippableFact]
    public async Task AnAdminChoosesUploadsAndResetsATilesPictureAndTheHomePageFollowsAtOnce()
    {
        // The newest tea, with a photo of its own, is what the tea and 湘西州 tiles show by default.
        var (supplierId, _) = await Factory.AddSupplierAsync();
        var newest = await Factory.AddListingAsync(supplierId, withPhoto: true);
        var newestHash = await HashOfListingAsync(newest);
        var anonymous = Client();
        var home = await anonymous.GetPageAsync("/");
        Assert.Contains(newestHash, HomePhotoOf(home, "/catalog?category=tea"));
        Assert.Contains(newestHash, HomePhotoOf(home, "/catalog?prefecture=433100"));

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        Assert.NotNull((await admin.GetPageAsync("/admin")).Find("a#tile-zones[href='/admin/zones']"));
        var zones = await admin.GetPageAsync("/admin/zones");
        Assert.Equal("默认：最新商品的主图", zones.Text("#zone-list-Category li[data-zone='tea'] .zone-source"));
        var zone = await admin.GetPageAsync("/admin/zones/Category/tea");
        Assert.Equal(HttpStatusCode.OK, zone.Status);

        // A demo tea's photo, chosen among the zone's candidates.
        var demoTea = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == "永顺莓茶 250g").Select(l => l.Id).SingleAsync());
        var demoPhoto = await Factory.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == demoTea && p.Position == 0).Select(p => new { p.Id, p.ContentHash }).SingleAsync());
        Assert.NotNull(zone.Find($"#candidates input[value='{demoPhoto.Id}']"));
        var chosen = await zone.SubmitAsync(admin, "#choose-form", [new("photoId", demoPhoto.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal("已更换专区图片，首页即刻显示。", chosen.Text(".flash"));
        Assert.Equal("管理员选定的图片", chosen.Text("#current-source"));
        home = await anonymous.GetPageAsync("/");
        Assert.Contains(demoPhoto.ContentHash, HomePhotoOf(home, "/catalog?category=tea"));
        // The region's tile keeps its own default.
        Assert.Contains(newestHash, HomePhotoOf(home, "/catalog?prefecture=433100"));
        var entry = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "Zones.Choose").OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(("Zone", "Category:tea", $"photo {demoPhoto.Id}"), (entry.SubjectType, entry.SubjectId, entry.Details));

        // A photo of a listing outside the zone (not a tea) is refused, and changes nothing.
        var rice = await Factory.WithDbAsync(db => db.ListingPhotos.Where(p => db.Listings.Any(l => l.Id == p.ListingId && l.Category.Slug != "tea")).Select(p => p.Id).FirstAsync());
        var audits = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        var refused = await chosen.SubmitAsync(admin, "#choose-form", [new("photoId", rice.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal("这张照片不属于本专区在售的商品，未使用。", refused.Text("#choose-error"));
        Assert.Equal(audits, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync()));

        // An upload goes through the photo checks: a text file is refused beside the field, a picture is used.
        var bad = await chosen.SubmitAsync(admin, "#zone-upload-form", files: [("file", "tea.jpg", "not a picture"u8.ToArray(), "image/jpeg")]);
        Assert.StartsWith("tea.jpg：", bad.Text("#upload-error"));
        var uploaded = await chosen.SubmitAsync(admin, "#zone-upload-form", files: [("file", "tea.png", TestImages.Png(1100, 700), "image/png")]);
        Assert.Equal("已更换专区图片，首页即刻显示。", uploaded.Text(".flash"));
        var picture = await Factory.WithDbAsync(db => db.ZonePictures.SingleAsync(z => z.Kind == ZoneKind.Category && z.ZoneKey == "tea"));
        Assert.Equal((1100, 700, (int?)null), (picture.Width, picture.Height, picture.FromListingId));
        Assert.Contains(picture.ContentHash, HomePhotoOf(await anonymous.GetPageAsync("/"), "/catalog?category=tea"));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Zones.Upload" && a.SubjectId == "Category:tea")));

        // Back to the default: the newest listing's photo again.
        var reset = await uploaded.SubmitAsync(admin, "#reset-form");
        Assert.Equal("默认：最新商品的主图", reset.Text("#current-source"));
        Assert.Contains(newestHash, HomePhotoOf(await anonymous.GetPageAsync("/"), "/catalog?category=tea"));
        Assert.False(await Factory.WithDbAsync(db => db.ZonePictures.AnyAsync(z => z.ZoneKey == "tea")));
    }

    [SkippableFact]
    public async Task AZoneTheHomePageDoesNotShowIsNotFoundAndOnlyAdminsChoose()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/zones/Category/no-such-zone")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/zones/Region/999900")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/zones/Nonsense/tea")).StatusCode);
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/admin/zones")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/admin/zones/Category/tea")).StatusCode);
    }
}
