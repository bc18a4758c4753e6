using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Security;

/// <summary>
/// An upload sent without a Content-Length (chunked, as a client streaming a file may send it) cannot be refused
/// before it is read. On Kestrel, as in production, it must still end on the page that explains the limit, not on the
/// antiforgery check's bare 400 (which takes the server's mid-stream refusal for a missing token). TestServer always
/// sends a length, so this runs the shop on Kestrel.
/// </summary>
public sealed class ChunkedUploadTests(ChunkedUploadTests.KestrelShop shop) : IClassFixture<ChunkedUploadTests.KestrelShop>
{
    public sealed class KestrelShop : StorefrontFactory
    {
        public KestrelShop() => UseKestrel(0);

        /// <summary>Plain HTTP on the loopback.</summary>
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:SecureCookies", "SameAsRequest"), new("AllowedHosts", TestDatabases.LoopbackHosts)];
    }

    [SkippableFact]
    public async Task AChunkedUploadLargerThanThePageTakesIsThePageThatSaysSoAndNothingIsSaved()
    {
        shop.RequireDatabase();
        shop.StartServer();
        var (supplierId, email) = await shop.AddSupplierAsync();
        var id = await shop.AddListingAsync(supplierId);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = shop.ClientOptions.BaseAddress };
        await client.SignInAsync(email);
        var page = await client.GetPageAsync($"/supplier/listings/{id}/photos");

        var tooLarge = new byte[(int)Web.Pages.Supplier.Listings.PhotosModel.MaxRequestBytes + 1];
        var refused = await page.SubmitAsync(client, "#photo-upload-form", files: [("files", "a.jpg", tooLarge, "image/jpeg")], streamed: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Contains("上传的内容太大", refused.Text("#status-page"));
        Assert.EndsWith($"/supplier/listings/{id}/photos", refused.Get("#status-back").GetAttribute("href"));
        Assert.Equal(0, await shop.WithDbAsync(db => db.ListingPhotos.CountAsync(p => p.ListingId == id)));

        // A chunked upload within the limit is taken as before.
        var small = await client.GetPageAsync($"/supplier/listings/{id}/photos");
        var taken = await small.SubmitAsync(client, "#photo-upload-form", files: [("files", "b.jpg", [1, 2, 3], "image/jpeg")], streamed: true);
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.NotNull(taken.Find("#photo-errors"));
    }
}
