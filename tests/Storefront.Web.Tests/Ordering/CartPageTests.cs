using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Tests.Catalog;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

// The catalog tests' quiet factories: jobs off, so the statements heard are the test's own.
public class CartPageOnSqlite(BuyerCatalogOnSqlite.QuietFactory factory) : CartPageTests<BuyerCatalogOnSqlite.QuietFactory>(factory);
public class CartPageOnPostgreSql(BuyerCatalogOnPostgreSql.QuietFactory factory) : CartPageTests<BuyerCatalogOnPostgreSql.QuietFactory>(factory);

/// <summary>
/// A canteen's cart of 50 lines (issue 13's page): what it shows, and the statements one request of it makes, since
/// every buyer opens it before ordering.
/// </summary>
public abstract class CartPageTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory, IHearsCommands
{
    /// <summary>A new buyer of the school whose cart holds the first 50 listings of the catalog at their minimum order; the first line's price was ¥1.00 dearer when added.</summary>
    private async Task<(HttpClient Buyer, IReadOnlyList<int> Listings)> FiftyLinesAsync()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var listings = await Factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var organisationId = await db.Organisations.Where(o => o.Name == School).Select(o => o.Id).SingleAsync();
            var rows = await CatalogSearch.Visible(db).OrderBy(l => l.Id).Take(50)
                .Select(l => new { l.Id, l.MinOrderQuantity, Price = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => t.UnitPriceFen).First() })
                .ToListAsync();
            db.CartLines.AddRange(rows.Select((r, i) => new CartLine
            {
                UserId = userId, OrganisationId = organisationId, ListingId = r.Id, Quantity = r.MinOrderQuantity,
                SeenUnitPriceFen = i == 0 ? r.Price + 100 : r.Price, AddedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
            return rows.Select(r => r.Id).ToList();
        });
        return (buyer, listings);
    }

    [SkippableFact]
    public async Task TheCartOfFiftyLinesShowsItsTotalsFromFourStatements()
    {
        var (buyer, listings) = await FiftyLinesAsync();
        // Another address first, so that what is heard is the making of the page, not the page kept for them (SharedPages).
        await buyer.GetPageAsync("/cart?warm=1");
        using var commands = Factory.Commands.Start();
        var cart = await buyer.GetPageAsync("/cart");

        // Who they are; the lines with their listings and tiers; the organisation with its filing, and the months of
        // the organisations counting towards its quota (the quota impact, as /quota reads its panel). Before: the
        // lines, then the listings and their tiers by an IN list of the 50 ids (a split query), and the quota impact
        // in three statements: seven.
        Assert.Equal(4, Factory.Commands.Texts.Count);
        Assert.Equal(listings, cart.All("tr[data-listing]").Select(r => int.Parse(r.GetAttribute("data-listing")!)).Order());
        Assert.Equal("¥48,940.00", cart.Text("#cart-total"));
        Assert.Equal(["¥5,850.00", "¥5,650.00", "¥1,660.00", "¥720.00", "¥2,990.00", "¥7,760.00", "¥3,020.00", "¥3,000.00", "¥2,450.00",
            "¥1,830.00", "¥1,980.00", "¥3,700.00", "¥2,970.00", "¥2,300.00", "¥2,090.00", "¥970.00"], cart.All(".supplier-total").Select(t => t.TextContent.Trim()));
        Assert.Matches(@"(^|\D)16 张订单", cart.Text("#cart-summary"));
        Assert.Equal("本单将计入 ¥48,940.00（本单位尚无已审核的预留份额）。", cart.Text("#quota-impact"));
        // The first line's price was ¥1.00 dearer when it was added; every line is at its minimum order, below its next tier.
        Assert.Single(cart.All("#price-changes li"));
        Assert.Empty(cart.All("tr.problem"));
        Assert.Equal(50, cart.All(".next-tier").Count);
    }
}
