using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class StockConcurrencyOnSqlite(StorefrontFactory factory) : StockConcurrencyTests<StorefrontFactory>(factory);
public class StockConcurrencyOnPostgreSql(PostgreSqlStorefrontFactory factory) : StockConcurrencyTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Fifty buyers check out the last ten units at the same moment, through the real pages, on both databases (on SQLite
/// the fifty requests write through their own connections at once, as a busy shop's would): exactly ten units are
/// sold, every other checkout is refused with the shortage shown, and the stock ends at zero.
/// </summary>
public abstract class StockConcurrencyTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const int Buyers = 50;
    private const int LastUnits = 10;

    [SkippableFact]
    public async Task FiftyParallelCheckoutsForTheLastTenUnitsSellExactlyTenAndRefuseTheRest()
    {
        Client();
        // A listing with ten left, one unit a time, and an organisation without approvals, so that checkout takes stock at once.
        var listingId = await Factory.WithDbAsync(async db =>
        {
            var listing = await db.Listings.Include(l => l.PriceTiers).FirstAsync(l => l.Title == "城步高山贡米 5kg");
            listing.SetPricing(1, [new PriceTier(1, 7200)]);
            listing.Stock = LastUnits;
            listing.Revise(DateTime.UtcNow);
            await db.Organisations.Where(o => o.Name == "长沙市开福区第一小学").ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null));
            await db.SaveChangesAsync();
            return listing.Id;
        });
        var syncJobsBefore = await Factory.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.ListingId == listingId));

        var clients = new List<HttpClient>();
        for (var i = 0; i < Buyers; i++)
        {
            var buyer = await SignedInClientAsync(await Factory.NewMemberAsync("长沙市开福区第一小学", OrganisationRoles.Buyer));
            await buyer.QuickOrderAsync($"L{listingId}, 1");
            clients.Add(buyer);
        }
        var pages = await Task.WhenAll(clients.Select(c => c.GetPageAsync("/cart/checkout")));
        Assert.All(pages, p => Assert.NotNull(p.Find("#place-order")));

        var results = await Task.WhenAll(clients.Zip(pages).Select(x => x.Second.SubmitAsync(x.First, "#checkout-form")));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var placed = results.Where(r => r.Url!.AbsolutePath.StartsWith("/orders/purchases/", StringComparison.Ordinal)).ToList();
        var refused = results.Where(r => r.Url!.AbsolutePath == "/cart/checkout").ToList();
        Assert.Equal(LastUnits, placed.Count);
        Assert.Equal(Buyers - LastUnits, refused.Count);
        Assert.All(refused, r => Assert.Contains("库存不足", r.Text("#checkout-changes")));

        var (stock, sold, orders) = await Factory.WithDbAsync(async db => (
            await db.Listings.Where(l => l.Id == listingId).Select(l => l.Stock).SingleAsync(),
            await db.OrderLines.Where(l => l.ListingId == listingId).SumAsync(l => l.Quantity),
            await db.Orders.CountAsync(o => o.Lines.Any(l => l.ListingId == listingId) && o.Status == OrderStatus.Approved)));
        Assert.Equal((0, LastUnits, LastUnits), (stock, sold, orders));
        // Each stock change went to the 832 outbox with its own job, in the transaction that made it.
        Assert.Equal(syncJobsBefore + LastUnits, await Factory.WithDbAsync(db => db.ListingSyncJobs.CountAsync(j => j.ListingId == listingId)));
    }
}
