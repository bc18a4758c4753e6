using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;

namespace Storefront.Web.Tests.Demand;

/// <summary>Agreements arranged for the standing-order tests: a plan and a quote in the database, awarded by <see cref="SupplyAgreement.FromAward"/>.</summary>
public static class StandingArrange
{
    public static DateOnly Today => ShanghaiTime.DateOf(DateTime.UtcNow);

    /// <summary>
    /// An agreement of the organisation with the supplier for <paramref name="quantity"/> units of its listing a delivery,
    /// at <paramref name="unitPriceFen"/>, weekly on the weekday of each date in <paramref name="on"/>, from today for
    /// sixty days, awarded by the person of <paramref name="awardedByEmail"/>.
    /// </summary>
    public static Task<long> AddAgreementAsync(this StorefrontFactory factory, int organisationId, int supplierId, int? listingId,
        long unitPriceFen, int quantity, string awardedByEmail, int noticeDays = 2, params DateOnly[] on) =>
        factory.WithDbAsync(db => AddAgreementAsync(db, organisationId, supplierId, listingId, unitPriceFen, quantity, awardedByEmail, noticeDays, on));

    public static async Task<long> AddAgreementAsync(StorefrontDbContext db, int organisationId, int supplierId, int? listingId,
        long unitPriceFen, int quantity, string awardedByEmail, int noticeDays, params DateOnly[] on)
    {
        var userId = await db.Users.Where(u => u.Email == awardedByEmail).Select(u => u.Id).SingleAsync();
        var category = listingId is { } l ? await db.Listings.Where(x => x.Id == l).Select(x => x.CategoryId).SingleAsync()
            : await db.Categories.Where(c => c.Slug == "tea").Select(c => c.Id).SingleAsync();
        var today = Today;
        var schedule = DeliverySchedule.Weekly(on.Select(d => d.DayOfWeek).Distinct().ToArray());
        var plan = new ProcurementPlan { OrganisationId = organisationId, Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = userId, PostedAtUtc = DateTime.UtcNow };
        var address = await db.DeliveryAddresses.Where(a => a.OrganisationId == organisationId).OrderBy(a => a.Id).FirstAsync();
        plan.Apply(new PlanInput(category, "医院食堂莓茶", "250g/盒", quantity, "盒", schedule, today, today.AddDays(60), today,
            address.Id, new TimeOnly(9, 0), null, null), address, DateTime.UtcNow, isNew: true);
        db.ProcurementPlans.Add(plan);
        await db.SaveChangesAsync();
        var quote = new PlanQuote
        {
            PlanId = plan.Id, SupplierId = supplierId, UnitPriceFen = unitPriceFen, QuantityPerDelivery = quantity, FirstDeliveryOn = today,
            ListingId = listingId, PlanRevision = plan.Revision, SubmittedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow, Revision = 1,
        };
        db.PlanQuotes.Add(quote);
        await db.SaveChangesAsync();
        // Awarded, so closed for quotes: nobody else sees it on the demand board.
        plan.Close(DateTime.UtcNow);
        var agreement = SupplyAgreement.FromAward(plan, quote, quantity, noticeDays, "每季度复核", userId, DateTime.UtcNow);
        db.SupplyAgreements.Add(agreement);
        await db.SaveChangesAsync();
        return agreement.Id;
    }

    /// <summary>Runs the standing-order work once, as the job does, in a scope of its own.</summary>
    public static async Task<StandingOrders.Run> RunStandingOrdersAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<StandingOrders>().RunAsync();
    }
}
