using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Demand;

/// <summary>What people do with plans, quotes and awards, through the pages, for the agreement tests.</summary>
public static class AgreementSteps
{
    /// <summary>The Monday at least a week from today (Shanghai), so that every date of the plan lies ahead.</summary>
    public static DateOnly NextMonday()
    {
        var d = ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(7);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts a plan of tea through the form: 120 boxes every Monday and Thursday for two weeks, at most ¥70.00.</summary>
    public static async Task<long> PostPlanAsync(this StorefrontFactory factory, HttpClient buyer, string description, DateOnly start, int quantity = 120)
    {
        var tea = await factory.WithDbAsync(db => db.Categories.Where(c => c.Slug == "tea").Select(c => c.Id).SingleAsync());
        var form = await buyer.GetPageAsync("/organisation/plans/new");
        // Posted as the fields are, since the form's own would drop the second weekday of the same name.
        var posted = await PostWithTokenAsync(buyer, form, "/organisation/plans/new",
        [
            new("Input.CategoryId", Text(tea)), new("Input.Description", description), new("Input.Spec", "250g/盒"),
            new("Input.QuantityPerDelivery", Text(quantity)), new("Input.Unit", "盒"), new("Input.Frequency", "Weekly"),
            new("Input.Weekdays", "Monday"), new("Input.Weekdays", "Thursday"),
            new("Input.StartDate", Iso(start)), new("Input.EndDate", Iso(start.AddDays(13))), new("Input.QuotesCloseOn", Iso(start.AddDays(-1))),
            new("Input.DeliveryAddressId", form.Get("select[name='Input.DeliveryAddressId'] option").GetAttribute("value")!),
            new("Input.LatestDeliveryTime", "09:30"), new("Input.PriceCeiling", "70.00"),
            new("Input.ProvinceCode", ""),
        ]);
        Assert.True(posted.Status == HttpStatusCode.OK && posted.Url!.AbsolutePath.StartsWith("/organisation/plans/", StringComparison.Ordinal),
            $"not posted: {posted.Url} {string.Join("; ", posted.Errors)}");
        var planId = long.Parse(posted.Url.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);
        // The organisation's approval rule holds plans back; an approver (a colleague of the poster) lets this one out,
        // as the approvals page would: the awards are what these tests are about.
        using (var scope = factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<Core.Data.StorefrontDbContext>();
            var plan = await db.ProcurementPlans.SingleAsync(p => p.Id == planId);
            if (plan.Approval == Core.Demand.PlanApproval.AwaitingApproval)
            {
                var approver = await db.OrganisationMembers.Where(m => m.OrganisationId == plan.OrganisationId && m.UserId != plan.PostedByUserId
                        && (m.Roles & OrganisationRoles.Approver) != 0).Select(m => new { m.UserId, m.User.Email }).FirstAsync();
                Assert.Null(await services.GetRequiredService<Core.Demand.ProcurementPlans>().DecideAsync(plan, approve: true, null, new(approver.UserId, approver.Email!)));
            }
        }
        return planId;
    }

    /// <summary>A verified cooperative of the county given with a published tea listing, signed in.</summary>
    public static async Task<Cooperative> CooperativeAsync(this StorefrontFactory factory, Func<string, Task<HttpClient>> signIn, string county = "433127")
    {
        var (supplierId, email) = await factory.AddSupplierAsync();
        var listingId = await factory.AddListingAsync(supplierId);
        var name = await factory.WithDbAsync(async db =>
        {
            var supplier = await db.Suppliers.SingleAsync(s => s.Id == supplierId);
            supplier.CountyCode = county;
            await db.SaveChangesAsync();
            return supplier.Name;
        });
        return new Cooperative(await signIn(email), supplierId, listingId, name, email);
    }

    public sealed record Cooperative(HttpClient Client, int SupplierId, int ListingId, string Name, string Email);

    /// <summary>The cooperative quotes on the plan through its form; returns the quote's id.</summary>
    public static async Task<long> QuoteAsync(this StorefrontFactory factory, Cooperative coop, long planId, string price, int quantity, DateOnly first)
    {
        var page = await coop.Client.GetPageAsync($"/supplier/demand/{planId}");
        var sent = await page.SubmitAsync(coop.Client, "#quote-form",
        [
            new("Input.UnitPrice", price), new("Input.QuantityPerDelivery", Text(quantity)), new("Input.FirstDeliveryOn", Iso(first)),
            new("Input.ListingId", Text(coop.ListingId)), new("Input.Note", "冷链配送"),
        ]);
        Assert.True(sent.Find("#status") is not null, $"not quoted: {string.Join("; ", sent.Errors)}");
        return await factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.SupplierId == coop.SupplierId).Select(q => q.Id).SingleAsync());
    }

    /// <summary>The buyer submits the plan page's award form: a quantity per quote and the terms of change.</summary>
    public static async Task<HtmlPage> AwardAsync(HttpClient buyer, long planId, IEnumerable<(long QuoteId, long Quantity)> quantities, int noticeDays = 2, string priceReview = "")
    {
        var page = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        return await PostWithTokenAsync(buyer, page, $"/organisation/plans/{planId}?handler=Award",
        [
            .. quantities.Select(q => new KeyValuePair<string, string>($"Award.Quantities[{q.QuoteId}]", Text(q.Quantity))),
            new("Award.ChangeNoticeDays", Text(noticeDays)), new("Award.PriceReview", priceReview),
        ]);
    }

    /// <summary>Posts the fields to a handler with the antiforgery token of a form on the page, as a person who crafted the request could.</summary>
    public static Task<HtmlPage> PostWithTokenAsync(HttpClient client, HtmlPage page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = page.Get("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        return client.PostPageAsync(action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    public static Task<long[]> AgreementIdsAsync(this StorefrontFactory factory, long planId) =>
        factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.PlanId == planId).OrderBy(a => a.Id).Select(a => a.Id).ToArrayAsync());

    public static Task<string> NewBuyerAsync(this StorefrontFactory factory, string organisation) =>
        Ordering.OrderingSteps.NewMemberAsync(factory, organisation, OrganisationRoles.Buyer);
}
