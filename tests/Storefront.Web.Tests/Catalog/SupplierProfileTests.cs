using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Money;
using Storefront.Core.Organisations;

namespace Storefront.Web.Tests.Catalog;

public class SupplierProfileOnSqlite(StorefrontFactory factory) : SupplierProfileTests<StorefrontFactory>(factory);
public class SupplierProfileOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierProfileTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A buyer opens the supplier behind a listing: who it is, where, its licences' kinds, how farmers gain, what it sells.</summary>
public abstract class SupplierProfileTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const string Yongshun = "永顺县松柏莓茶专业合作社";

    [SkippableFact]
    public async Task AListingLeadsToItsSuppliersPageWithCountyLicencesFarmerLinkAndListings()
    {
        var client = Client();
        var supplier = await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Name == Yongshun)
            .Select(s => new { s.Id, s.VerifiedAtUtc, Listed = db.Listings.Count(l => l.SupplierId == s.Id && l.Status == ListingStatus.Published) }).SingleAsync());
        var tea = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == "永顺莓茶 250g").Select(l => l.Id).SingleAsync());
        var listing = await client.GetPageAsync($"/listings/{tea}");
        var link = listing.Get("#supplier-profile-link");
        Assert.Equal($"/suppliers/{supplier.Id}", link.GetAttribute("href"));

        var page = await client.GetPageAsync(link.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Yongshun, page.Text("#supplier-name"));
        Assert.Equal("合作社", page.Text("#supplier-kind"));
        Assert.Equal("湖南省 湘西土家族苗族自治州 永顺县", page.Text("#supplier-county"));
        Assert.Equal(ShanghaiTime.DateOf(supplier.VerifiedAtUtc!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), page.Text("#supplier-verified"));
        Assert.Equal("营业执照", page.Text("#supplier-licences"));
        Assert.Equal("合作社统一收购社员鲜叶，保底价加二次分红，带动脱贫户务工。", page.Text("#supplier-farmer-link"));
        Assert.Equal("带动脱贫户 326 户", page.Text("#supplier-households"));
        Assert.Equal($"在售商品（{supplier.Listed}）", page.Text("#supplier-listings-title"));
        Assert.Equal(supplier.Listed, page.All("#results .card").Count);
        Assert.Contains("永顺莓茶 250g", page.All("#results .card-title").Select(t => t.TextContent.Trim()));
        // The licence itself stays private: the page names its kind and links to no document.
        Assert.Empty(page.All("a[href*='/supplier/documents/']"));
    }

    [SkippableTheory]
    [InlineData("靖州县木洞杨梅专业合作社")]
    public async Task ASupplierNotVerifiedHasNoPage(string pendingName)
    {
        var client = Client();
        var id = await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Name == pendingName).Select(s => s.Id).SingleAsync());
        Assert.Equal(VerificationStatus.Pending, await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/suppliers/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/suppliers/abc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/suppliers/987654")).StatusCode);
    }
}
