using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class ApprovalSplitOnSqlite(StorefrontFactory factory) : ApprovalSplitTests<StorefrontFactory>(factory);
public class ApprovalSplitOnPostgreSql(PostgreSqlStorefrontFactory factory) : ApprovalSplitTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// The approval threshold holds for an organisation's spend with one supplier within a day, not per checkout: a purchase
/// split into two checkouts under the threshold, even sent at the same moment, sends the second to an approver.
/// </summary>
public abstract class ApprovalSplitTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const string Organisation = "长沙市开福区第一小学";

    /// <summary>Rice at ¥96.60 a bag, one bag at a time, and a ¥1,000 threshold: ten bags (¥966) pass alone.</summary>
    private async Task<int> ArrangeAsync()
    {
        Client();
        return await Factory.WithDbAsync(async db =>
        {
            var listing = await db.Listings.Include(l => l.PriceTiers).FirstAsync(l => l.Title == "城步高山贡米 5kg");
            listing.SetPricing(1, [new PriceTier(1, 96_60)]);
            listing.Stock = 10_000;
            listing.Revise(DateTime.UtcNow);
            await db.Organisations.Where(o => o.Name == Organisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)1_000_00));
            // Each test starts with no spend of the day with this supplier (the other test of the class may have left some).
            await db.Orders.Where(o => o.SupplierId == listing.SupplierId && o.Organisation.Name == Organisation)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled).SetProperty(o => o.Cancellation, CancellationKind.CancelledByBuyer));
            await db.SaveChangesAsync();
            return listing.Id;
        });
    }

    private async Task<HttpClient> BuyerWithTenBagsAsync(int listingId)
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Organisation, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{listingId}, 10");
        return buyer;
    }

    private Task<List<(long Total, OrderStatus Status, bool ApprovedByPerson)>> OrdersOfListingAsync(int listingId) =>
        Factory.WithDbAsync(db => db.Orders.Where(o => o.Lines.Any(l => l.ListingId == listingId) && o.Status != OrderStatus.Cancelled).OrderBy(o => o.Id)
            .Select(o => new ValueTuple<long, OrderStatus, bool>(o.TotalFen, o.Status, o.ApprovedByUserId != null)).ToListAsync());

    [SkippableFact]
    public async Task TwoCheckoutsUnderTheThresholdToOneSupplierAtTheSameMomentSendOneToAnApprover()
    {
        var listingId = await ArrangeAsync();
        var buyers = new[] { await BuyerWithTenBagsAsync(listingId), await BuyerWithTenBagsAsync(listingId) };
        var pages = await Task.WhenAll(buyers.Select(b => b.GetPageAsync("/cart/checkout")));

        var placed = await Task.WhenAll(buyers.Zip(pages).Select(x => x.Second.SubmitAsync(x.First, "#checkout-form")));

        Assert.All(placed, p => Assert.StartsWith("/orders/purchases/", p.Url!.AbsolutePath, StringComparison.Ordinal));
        var orders = await OrdersOfListingAsync(listingId);
        Assert.Equal([(96_600L, OrderStatus.PendingApproval, false), (96_600L, OrderStatus.Approved, false)],
            orders.OrderBy(o => o.Status).ToList());

        // A third, small one the same day joins the ¥966 that went through without approval: it waits too.
        var third = await SignedInClientAsync(await Factory.NewMemberAsync(Organisation, OrganisationRoles.Buyer));
        await third.QuickOrderAsync($"L{listingId}, 1");
        await third.CheckOutAsync();
        Assert.Equal((9_660L, OrderStatus.PendingApproval, false), (await OrdersOfListingAsync(listingId))[^1]);
    }

    [SkippableFact]
    public async Task ACancelledOrderNoLongerCountsTowardsTheThreshold()
    {
        var listingId = await ArrangeAsync();
        var first = await BuyerWithTenBagsAsync(listingId);
        await first.CheckOutAsync();
        Assert.Equal([(96_600L, OrderStatus.Approved, false)], await OrdersOfListingAsync(listingId));
        await Factory.WithDbAsync(db => db.Orders.Where(o => o.Lines.Any(l => l.ListingId == listingId) && o.Status == OrderStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Cancelled).SetProperty(o => o.Cancellation, CancellationKind.CancelledByBuyer)));

        var second = await BuyerWithTenBagsAsync(listingId);
        await second.CheckOutAsync();

        Assert.Equal([(96_600L, OrderStatus.Approved, false)], await OrdersOfListingAsync(listingId));
    }
}
