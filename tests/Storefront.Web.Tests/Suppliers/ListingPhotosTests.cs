using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Tests.Photos;

namespace Storefront.Web.Tests.Suppliers;

public class ListingPhotosOnSqlite(StorefrontFactory factory) : ListingPhotosTests<StorefrontFactory>(factory);
public class ListingPhotosOnPostgreSql(PostgreSqlStorefrontFactory factory) : ListingPhotosTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A supplier uploads, orders and removes a listing's photos; refusals are messages, never error pages.</summary>
public abstract class ListingPhotosTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static (string, string, byte[], string) File(byte[] content, string name = "photo.jpg") => ("files", name, content, "image/jpeg");

    private async Task<List<string>> OrderAsync(int listingId) =>
        await Factory.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == listingId).OrderBy(p => p.Position).Select(p => p.ContentHash).ToListAsync());

    [SkippableFact]
    public async Task PhotosAreUploadedOrderedMadeMainAndDeletedAndTheCatalogShowsTheMainOne()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        Assert.NotNull(page.Find("#no-photos"));

        var uploaded = await page.SubmitAsync(client, "#photo-upload-form",
            files: [File(TestImages.Jpeg(800, 600), "a.jpg"), File(TestImages.Png(900, 600), "b.png"), File(TestImages.WebP(1000, 600), "c.webp")]);
        Assert.Contains("已添加 3 张照片", uploaded.Text(".flash"));
        var items = uploaded.All("#photos .photo-item");
        Assert.Equal(3, items.Count);
        Assert.NotNull(items[0].QuerySelector("#main-photo"));
        var order = await OrderAsync(id);

        // The third becomes the main photo; then the (now) second moves down.
        var third = items[2].GetAttribute("data-photo-id");
        var main = await uploaded.SubmitAsync(client, $"#photos li[data-photo-id='{third}'] form[action*='handler=Main']");
        Assert.Equal([order[2], order[0], order[1]], await OrderAsync(id));
        var first = main.All("#photos .photo-item")[1].GetAttribute("data-photo-id");
        await main.SubmitAsync(client, $"#photos li[data-photo-id='{first}'] form[action*='handler=MoveDown']");
        Assert.Equal([order[2], order[1], order[0]], await OrderAsync(id));

        var visitor = Client();
        var listing = await visitor.GetPageAsync($"/listings/{id}");
        var src = listing.Get(".listing-main-photo").GetAttribute("src")!;
        Assert.Contains(order[2], src);
        Assert.Contains("webp", listing.Get(".listing-photos picture source").GetAttribute("srcset"));
        var photo = await visitor.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Contains("immutable", photo.Headers.CacheControl!.ToString());

        var current = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        var deleted = await current.SubmitAsync(client, "#photos li:first-child form[action*='handler=Delete']");
        Assert.Equal(2, deleted.All("#photos .photo-item").Count);
        Assert.Equal([order[1], order[0]], await OrderAsync(id));
        Assert.Equal([0, 1], await Factory.WithDbAsync(db => db.ListingPhotos.Where(p => p.ListingId == id).OrderBy(p => p.Position).Select(p => p.Position).ToListAsync()));
    }

    [SkippableFact]
    public async Task EachRefusedUploadIsNamedWithItsReasonAndTheOthersAreKept()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        var result = await page.SubmitAsync(client, "#photo-upload-form", files:
        [
            File("只是文本"u8.ToArray(), "notes.jpg"),
            File(TestImages.HtmlJpegPolyglot(), "polyglot.jpg"),
            File(TestImages.Gif(), "anim.gif"),
            File("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "logo.svg"),
            File(TestImages.Jpeg()[..5000], "cut.jpg"),
            File(TestImages.PngDeclaring(100_000, 100_000), "huge.png"),
            File(TestImages.Jpeg(), "good.jpg"),
        ]);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        var errors = result.All("#photo-errors li").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(6, errors.Count);
        Assert.Contains("notes.jpg：只接受 JPEG、PNG 或 WebP 图片", errors[0]);
        Assert.Contains("polyglot.jpg：图片中夹带了网页代码", errors[1]);
        Assert.Contains("anim.gif：只接受 JPEG、PNG 或 WebP 图片", errors[2]);
        Assert.Contains("logo.svg：只接受 JPEG、PNG 或 WebP 图片", errors[3]);
        Assert.Contains("cut.jpg：图片文件已损坏或不完整", errors[4]);
        Assert.Contains("huge.png：图片尺寸过大", errors[5]);
        Assert.Single(result.All("#photos .photo-item"));
    }

    [SkippableFact]
    public async Task AListingHasAtMostTenPhotos()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        // Distinct photos (the pipeline stores identical bytes once, but each is still a photo of the listing).
        var files = Enumerable.Range(0, 11).Select(i => File(TestImages.Jpeg(400 + i, 300), $"p{i}.jpg")).ToList();
        var result = await page.SubmitAsync(client, "#photo-upload-form", files: files);
        Assert.Contains("p10.jpg：每件商品最多 10 张照片", result.Text("#photo-errors"));
        Assert.Equal(10, result.All("#photos .photo-item").Count);
        Assert.NotNull(result.Find("#photos-full"));
        Assert.Null(result.Find("#photo-upload-form"));
    }

    [SkippableFact]
    public async Task AnEmptyUploadSaysSo()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        var result = await page.SubmitAsync(client, "#photo-upload-form", files: []);
        Assert.Contains("请选择要上传的照片", result.Text("#photo-errors"));
    }

    [SkippableFact]
    public async Task AnUploadLargerThanThePageTakesIsAPageThatSaysSoAndLinksBack()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId);
        var client = await SignedInClientAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");

        var tooLarge = new byte[(int)Web.Pages.Supplier.Listings.PhotosModel.MaxRequestBytes + 1];
        var refused = await page.SubmitAsync(client, "#photo-upload-form", files: [File(tooLarge, "a.jpg")]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("上传的内容太大", refused.Text("#status-page"));
        Assert.EndsWith($"/supplier/listings/{id}/photos", refused.Get("#status-back").GetAttribute("href"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));
    }
}
