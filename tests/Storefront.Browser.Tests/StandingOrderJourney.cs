using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Demand;
using static Storefront.Browser.Tests.AgreementJourney;

namespace Storefront.Browser.Tests;

/// <summary>
/// The standing-order half of issue 15's journey, as steps another journey can join to (after an award made the
/// agreement): the job runs, the buyer finds the delivery's order on the agreement, an approver approves it, an admin
/// records its transfer, and the quota counts it.
/// </summary>
public static class StandingOrderJourney
{

    /// <summary>The Shanghai date two days from today: due within the default lead of three days.</summary>
    public static DateOnly DueSoon => ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(2);

    /// <summary>
    /// An agreement as an award makes it (<see cref="SupplyAgreement.FromAward"/>, on a closed plan of the organisation
    /// and the supplier's quote on its listing), weekly on the weekday of <paramref name="due"/>, for sixty days.
    /// </summary>
    public static Task<long> AgreementAsync(BrowserFixture browser, string organisation, string listingTitle, long unitPriceFen, int quantity,
        string awardedByEmail, DateOnly due) => browser.Factory.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var today = ShanghaiTime.DateOf(now);
        var organisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync();
        var userId = await db.Users.Where(u => u.Email == awardedByEmail).Select(u => u.Id).SingleAsync();
        var listing = await db.Listings.Where(l => l.Title == listingTitle).Select(l => new { l.Id, l.SupplierId, l.CategoryId, l.Unit }).SingleAsync();
        var plan = new ProcurementPlan { OrganisationId = organisationId, Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = userId, PostedAtUtc = now };
        var address = await db.DeliveryAddresses.Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).FirstAsync();
        plan.Apply(new PlanInput(listing.CategoryId, $"{listingTitle} 每周配送", null, quantity, listing.Unit, DeliverySchedule.Weekly(due.DayOfWeek),
            today, today.AddDays(60), today, address.Id, new TimeOnly(8, 0), null, null), address, now, isNew: true);
        plan.Close(now);
        db.ProcurementPlans.Add(plan);
        await db.SaveChangesAsync();
        var quote = new PlanQuote
        {
            PlanId = plan.Id, SupplierId = listing.SupplierId, UnitPriceFen = unitPriceFen, QuantityPerDelivery = quantity, FirstDeliveryOn = today,
            ListingId = listing.Id, PlanRevision = plan.Revision, SubmittedAtUtc = now, UpdatedAtUtc = now, Revision = 1,
        };
        db.PlanQuotes.Add(quote);
        await db.SaveChangesAsync();
        var agreement = SupplyAgreement.FromAward(plan, quote, quantity, 2, "", userId, now);
        db.SupplyAgreements.Add(agreement);
        await db.SaveChangesAsync();
        return agreement.Id;
    });

    /// <summary>The standing-order job, one run under its lease, as its hourly schedule would.</summary>
    public static async Task RunJobAsync(BrowserFixture browser)
    {
        var job = browser.Factory.Services.GetServices<IHostedService>().OfType<StandingOrderJob>().Single();
        while (!await job.TryRunAsync(CancellationToken.None)) await Task.Delay(100);
    }

    /// <summary>The buyer opens the agreement, sees the delivery ordered and opens its order; returns the order's number.</summary>
    public static async Task<string> OpenDeliveryOrderAsync(IPage buyer, long agreementId, DateOnly due, string expectedTotal)
    {
        await buyer.GotoAsync($"/organisation/agreements/{agreementId}");
        var row = buyer.Locator($"#deliveries tr[data-date='{Iso(due)}']");
        await Assertions.Expect(row.Locator(".delivery-state")).ToHaveTextAsync("已下单");
        var orderNumber = (await row.Locator(".delivery-order a").TextContentAsync())!.Trim();
        await row.Locator(".delivery-order a").ClickAsync();
        await Assertions.Expect(buyer.Locator("#order-standing")).ToHaveTextAsync($"来自协议 #{agreementId}（送货日 {Iso(due)}）");
        await Assertions.Expect(buyer.Locator("#order-title")).ToContainTextAsync(orderNumber);
        await Assertions.Expect(buyer.Locator("#order-lines, .order-lines, table").First).ToContainTextAsync(expectedTotal);
        return orderNumber;
    }

    /// <summary>The approver approves the standing order's purchase from the approvals queue.</summary>
    public static async Task ApproveAsync(IPage approver, string orderNumber)
    {
        await approver.GotoAsync("/approvals");
        var panel = approver.Locator("#approval-queue > li", new() { HasText = orderNumber });
        if (await panel.CountAsync() == 0)
            Assert.Fail($"{orderNumber} is not on the approvals page at {approver.Url}: {await approver.InnerTextAsync("main")}");
        await panel.Locator("button[value=Approve]").ClickAsync();
        await Assertions.Expect(approver.Locator("#approval-queue > li", new() { HasText = orderNumber })).ToHaveCountAsync(0);
    }

    /// <summary>What the organisation's quota panel counts now, in fen.</summary>
    public static async Task<long> CountedAsync(IPage member)
    {
        await member.GotoAsync("/quota");
        return Fen.ParseYuan(await member.Locator("#quota-counted").TextContentAsync())!.Value;
    }

    /// <summary>The purchase's number, the order's without its "-1".</summary>
    public static string PurchaseNumberOf(string orderNumber) => orderNumber[..orderNumber.LastIndexOf('-')];
}
