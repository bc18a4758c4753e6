using System.Net;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Ordering;

public class AddToCartOnSqlite(StorefrontFactory factory) : AddToCartTests<StorefrontFactory>(factory);
public class AddToCartOnPostgreSql(PostgreSqlStorefrontFactory factory) : AddToCartTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A buyer puts a listing in the cart from its page; the cart then says what it adds to the quota.</summary>
public abstract class AddToCartTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static async Task<string> TeaUrlAsync(HttpClient client) =>
        (await client.GetPageAsync("/catalog?q=永顺莓茶 250g")).Get("#results .card-link").GetAttribute("href")!;

    [SkippableFact]
    public async Task ABuyerAddsAListingFromItsPageAndSeesTheQuotaImpactInTheCart()
    {
        var client = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        var listing = await client.GetPageAsync(await TeaUrlAsync(client));
        Assert.Equal("10", listing.Get("#Quantity").GetAttribute("value"));
        var added = await listing.SubmitAsync(client, "#add-to-cart-form", [new("Quantity", "50")]);
        Assert.Equal("已将“永顺莓茶 250g”加入购物车，现为 50 盒。", added.Text(".flash"));

        var cart = await client.GetPageAsync("/cart");
        Assert.Contains("¥3,230.00", cart.Text("#cart-total"));
        Assert.Contains("¥3,230.00", cart.Text("#quota-impact"));
    }

    [SkippableFact]
    public async Task AQuantityBelowTheMinimumOrderIsRefusedBesideTheField()
    {
        var client = await SignedInClientAsync(DemoData.MemberEmail("agency", "buyer"));
        var listing = await client.GetPageAsync(await TeaUrlAsync(client));
        var refused = await listing.SubmitAsync(client, "#add-to-cart-form", [new("Quantity", "3")]);
        Assert.NotEmpty(refused.Errors);
        Assert.Null(refused.Find(".flash"));
    }

    [SkippableFact]
    public async Task OnlyBuyersSeeTheFormAndOthersCannotPostIt()
    {
        var anonymous = Client();
        var url = await TeaUrlAsync(anonymous);
        var page = await anonymous.GetPageAsync(url);
        Assert.Null(page.Find("#add-to-cart-form"));
        Assert.NotNull(page.Find("#sign-in-to-buy"));

        var supplier = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var supplierPage = await supplier.GetPageAsync(url);
        Assert.Null(supplierPage.Find("#add-to-cart-form"));
        var token = supplierPage.Get("#sign-out-form input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var response = await supplier.PostAsync($"{url}?handler=AddToCart", new FormUrlEncodedContent([new("Quantity", "10"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
