using Microsoft.EntityFrameworkCore;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Catalog;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Quotas.QuotaSteps;

namespace Storefront.Web.Tests.Performance;

// The catalog tests' quiet factories: jobs off, statements heard, a clock to move on.
public class OwnPagesOnSqlite(BuyerCatalogOnSqlite.QuietFactory factory) : OwnPagesTests<BuyerCatalogOnSqlite.QuietFactory>(factory);
public class OwnPagesOnPostgreSql(BuyerCatalogOnPostgreSql.QuietFactory factory) : OwnPagesTests<BuyerCatalogOnPostgreSql.QuietFactory>(factory);

/// <summary>
/// A person's cart, their organisation's orders and its quota are kept for them (Performance/SharedPages) by the
/// organisation's stamp, which the database's triggers move (Core OrganisationChanges): a kept page is served from
/// one statement, and is made again at once when anything it shows changes, whether through the shop or around it.
/// </summary>
public abstract class OwnPagesTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory, IHearsCommands
{
    private static int _sequence;

    /// <summary>Asks for the page twice: the second is the one kept, read with one statement (run without EF) and the same as the first.</summary>
    private async Task<HtmlPage> KeptAsync(HttpClient client, string url)
    {
        var made = await client.GetPageAsync(url);
        using (Factory.Commands.Start())
        {
            var kept = await client.GetPageAsync(url);
            // Their seats and stamps, run without EF once EF has written the statement (Performance/KeptStatements).
            Assert.StartsWith("Executed kept statement seats", Assert.Single(Factory.Commands.Texts));
            Assert.Equal(made.Body, kept.Body);
        }
        return made;
    }

    /// <summary>The page, and how many statements it took: one when it was served as kept.</summary>
    private async Task<(HtmlPage Page, int Statements)> CountedAsync(HttpClient client, string url)
    {
        using (Factory.Commands.Start())
        {
            var page = await client.GetPageAsync(url);
            return (page, Factory.Commands.Texts.Count);
        }
    }

    [SkippableFact]
    public async Task ACartIsKeptForItsBuyerAloneAndMadeAgainWhenALineItsStockOrItsPriceChanges()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var tea = await Factory.ListingIdAsync(Tea);
        var (userId, minimum, stock, price) = await Factory.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var school = await db.Organisations.Where(o => o.Name == School).Select(o => o.Id).SingleAsync();
            var listing = await db.Listings.Where(l => l.Id == tea)
                .Select(l => new { l.MinOrderQuantity, l.Stock, Price = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => t.UnitPriceFen).First() }).SingleAsync();
            db.CartLines.Add(new CartLine
            {
                UserId = userId, OrganisationId = school, ListingId = tea, Quantity = listing.MinOrderQuantity, SeenUnitPriceFen = listing.Price,
                AddedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return (userId, listing.MinOrderQuantity, listing.Stock, listing.Price);
        });
        try
        {
            var cart = await KeptAsync(buyer, "/cart");
            Assert.Equal(minimum.ToString(System.Globalization.CultureInfo.InvariantCulture), cart.Get($"#qty-{tea}").GetAttribute("value"));
            Assert.Empty(cart.All("tr.problem"));

            // Another buyer of the same school has a cart of their own: not this one.
            var other = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
            Assert.NotNull((await other.GetPageAsync("/cart")).Find("#cart-empty"));

            // Stock taken around the change tracker, as checkout takes it: the line cannot be ordered, seen at once.
            await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, minimum - 1)));
            var (short_, statements) = await CountedAsync(buyer, "/cart");
            Assert.True(statements > 1);
            Assert.Equal([tea.ToString(System.Globalization.CultureInfo.InvariantCulture)], short_.All("tr.problem").Select(r => r.GetAttribute("data-listing")));
            await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, stock)));
            Assert.Empty((await buyer.GetPageAsync("/cart")).All("tr.problem"));

            // Stock taken that still covers the line: the page shows no stock, and stays kept.
            await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, stock - 1)));
            var (covered, kept) = await CountedAsync(buyer, "/cart");
            Assert.Equal(1, kept);
            Assert.Empty(covered.All("tr.problem"));

            // The line's quantity changed elsewhere (another tab, a saved list): the new quantity.
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Quantity, minimum + 3)));
            Assert.Equal((minimum + 3).ToString(System.Globalization.CultureInfo.InvariantCulture), (await buyer.GetPageAsync("/cart")).Get($"#qty-{tea}").GetAttribute("value"));

            // The price seen when it was added differs from today's: the change is shown.
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == userId).ExecuteUpdateAsync(u => u.SetProperty(c => c.SeenUnitPriceFen, price + 100)));
            Assert.Single((await buyer.GetPageAsync("/cart")).All("#price-changes li"));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == userId).ExecuteDeleteAsync());
            await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, stock)));
        }
    }

    [SkippableFact]
    public async Task TheOrdersListIsMadeAgainWhenAnOrderOfTheOrganisationChangesAndOnlyThen()
    {
        // The demo organisation with the most orders, and an order of another.
        var (organisation, name) = await Factory.WithDbAsync(async db => await db.Orders.GroupBy(o => o.OrganisationId).OrderByDescending(g => g.Count())
            .Select(g => new { g.Key, Name = db.Organisations.Where(x => x.Id == g.Key).Select(x => x.Name).Single() }).FirstAsync() is var x ? (x.Key, x.Name) : default);
        var email = await Factory.NewMemberAsync(name, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(email);
        var orderId = await Factory.WithDbAsync(async db => await db.Orders.Where(o => o.OrganisationId == organisation && o.Status != OrderStatus.Cancelled)
            .OrderByDescending(o => o.Id).Select(o => o.Id).FirstAsync());
        var othersOrder = await Factory.WithDbAsync(db => db.Orders.Where(o => o.OrganisationId != organisation).Select(o => o.Id).FirstAsync());
        var list = await KeptAsync(buyer, "/orders");
        Assert.NotNull(list.Find($"tr[data-order='{orderId}']"));

        // Another organisation's order moves: this list stays kept.
        await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == othersOrder).ExecuteUpdateAsync(u => u.SetProperty(o => o.Version, o => o.Version)));
        Assert.Equal(1, (await CountedAsync(buyer, "/orders")).Statements);

        // One of its own, changed around the change tracker (as a webhook's statement might): made again, with the new figure.
        var total = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.TotalFen).SingleAsync());
        await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(u => u.SetProperty(o => o.TotalFen, total + 1)));
        try
        {
            var (again, statements) = await CountedAsync(buyer, "/orders");
            Assert.True(statements > 1);
            Assert.Equal(Fen.Format(total + 1), again.Get($"tr[data-order='{orderId}']").Children[2].TextContent.Trim());
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).ExecuteUpdateAsync(u => u.SetProperty(o => o.TotalFen, total)));
        }

        // Another member with the same roles gets a page made for them, with their own name.
        var other = await Factory.NewMemberAsync(name, OrganisationRoles.Buyer);
        var theirs = await (await SignedInClientAsync(other)).GetPageAsync("/orders");
        Assert.Equal(other, theirs.Text("#nav-user"));
        Assert.DoesNotContain(email, theirs.Body);
    }

    [SkippableFact]
    public async Task AnApproversKeptPageShowsTheWaitingCountOfEachRequestFromItsOneStatement()
    {
        // An approved, unpaid order of an organisation whose other orders wait for nothing: put back to wait, it is one purchase more to approve.
        var order = await Factory.WithDbAsync(db => db.Orders
            .Where(o => o.Status == OrderStatus.Approved && !db.Orders.Any(x => x.PurchaseId == o.PurchaseId && x.Status == OrderStatus.PendingApproval))
            .Select(o => new { o.Id, o.OrganisationId, Name = o.Organisation.Name }).FirstAsync());
        Task<int> WaitingAsync() => Factory.WithDbAsync(async db =>
            await db.Orders.Where(o => o.OrganisationId == order.OrganisationId && o.Status == OrderStatus.PendingApproval).Select(o => o.PurchaseId).Distinct().CountAsync()
            + await db.ProcurementPlans.CountAsync(p => p.OrganisationId == order.OrganisationId && p.Approval == Core.Demand.PlanApproval.AwaitingApproval && p.ClosedAtUtc == null));
        static string Badge(HtmlPage page) => page.Find("#approvals-count")?.FirstChild?.TextContent.Trim() ?? "0";
        var approver = await SignedInClientAsync(await Factory.NewMemberAsync(order.Name, OrganisationRoles.Buyer | OrganisationRoles.Approver));
        var before = await WaitingAsync();
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), Badge(await KeptAsync(approver, "/orders")));

        await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.PendingApproval)));
        try
        {
            Assert.Equal(before + 1, await WaitingAsync());
            var catalog = await KeptAsync(approver, "/catalog");
            Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Badge(catalog));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.Approved)));
        }
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), Badge(await approver.GetPageAsync("/catalog")));
    }

    [SkippableFact]
    public async Task AHostsQuotaPageIsMadeAgainWhenASharersLedgerMovesAndOnTheNextDay()
    {
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var n = Interlocked.Increment(ref _sequence);
        var year = ShanghaiTime.YearOf(DateTime.UtcNow);
        var (host, sharer) = (await Factory.NewOrganisationAsync($"缓存测试主单位{n}", email), await Factory.NewOrganisationAsync($"缓存测试共用单位{n}", email));
        await Factory.WithDbAsync(async db =>
        {
            db.CanteenFilings.Add(ApprovedFiling(host, year, FilingKind.Canteen, 1_000_000, null));
            db.CanteenFilings.Add(ApprovedFiling(sharer, year, FilingKind.SharesCanteen, 0, host));
            db.QuotaEntries.Add(Payment(host, $"kept-{n}-host", 10_000, January(year)));
            await db.SaveChangesAsync();
        });
        var buyer = await SignedInClientAsync(email);
        var url = $"/quota?organisation={host}";
        Assert.Equal("¥100.00", (await KeptAsync(buyer, url)).Text("#quota-counted"));

        // The sharer's purchase counts towards the host: its ledger entry moves the host's stamp too.
        await Factory.WithDbAsync(db => { db.QuotaEntries.Add(Payment(sharer, $"kept-{n}-sharer", 2_500, January(year))); return db.SaveChangesAsync(); });
        var (page, statements) = await CountedAsync(buyer, url);
        Assert.True(statements > 1);
        Assert.Equal("¥125.00", page.Text("#quota-counted"));
        Assert.Equal(1, (await CountedAsync(buyer, url)).Statements);

        // The pace moves with the day: the next day's page is made again (signed in afresh, the sign-in lasting 8 hours).
        Factory.Clock.MoveOn(TimeSpan.FromDays(1));
        var tomorrow = await SignedInClientAsync(email);
        Assert.True((await CountedAsync(tomorrow, url)).Statements > 1);
        Assert.Equal(1, (await CountedAsync(tomorrow, url)).Statements);
    }

    [SkippableFact]
    public async Task EveryChangeAnOrganisationsOwnPagesShowMovesItsStampAndNoOtherOrganisations()
    {
        var n = Interlocked.Increment(ref _sequence);
        var year = ShanghaiTime.YearOf(DateTime.UtcNow);
        var email = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var (host, sharer, bystander) = (await Factory.NewOrganisationAsync($"戳测试主单位{n}", email), await Factory.NewOrganisationAsync($"戳测试共用单位{n}", email),
            await Factory.NewOrganisationAsync($"戳测试旁观单位{n}", email));
        Task<Dictionary<int, long>> StampsAsync() => Factory.WithDbAsync(db => db.OrganisationVersions
            .Where(v => v.OrganisationId == host || v.OrganisationId == sharer || v.OrganisationId == bystander).ToDictionaryAsync(v => v.OrganisationId, v => v.Stamp));
        async Task MovesAsync(string what, Func<Core.Data.StorefrontDbContext, Task> change, params int[] moved)
        {
            var before = await StampsAsync();
            await Factory.WithDbAsync(change);
            var after = await StampsAsync();
            foreach (var organisation in new[] { host, sharer, bystander })
            {
                var changed = before.GetValueOrDefault(organisation) != after.GetValueOrDefault(organisation);
                Assert.True(changed == moved.Contains(organisation), $"{what}: organisation {organisation} {(changed ? "moved" : "did not move")}");
            }
        }

        await MovesAsync("a filing sharing the host's canteen", db => { db.CanteenFilings.Add(ApprovedFiling(sharer, year, FilingKind.SharesCanteen, 0, host)); return db.SaveChangesAsync(); }, sharer, host);
        await MovesAsync("the host's own filing", db => { db.CanteenFilings.Add(ApprovedFiling(host, year, FilingKind.Canteen, 1_000_000, null)); return db.SaveChangesAsync(); }, host);
        await MovesAsync("a sharer's ledger entry (and its monthly total)", db => { db.QuotaEntries.Add(Payment(sharer, $"stamp-{n}", 1_000, January(year))); return db.SaveChangesAsync(); }, sharer, host);
        await MovesAsync("a monthly total changed around the ledger", db => db.QuotaMonthlyTotals.Where(t => t.OrganisationId == sharer)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.EntryCount, t => t.EntryCount)), sharer, host);
        await MovesAsync("the organisation renamed", db => db.Organisations.Where(o => o.Id == bystander).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, $"戳测试旁观单位{n}改")), bystander);
        await MovesAsync("the host renamed (a sharer's page names it)", db => db.Organisations.Where(o => o.Id == host).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, $"戳测试主单位{n}改")), host, sharer);
        await MovesAsync("a sharer renamed (the host's entries name it)", db => db.Organisations.Where(o => o.Id == sharer).ExecuteUpdateAsync(u => u.SetProperty(o => o.Name, $"戳测试共用单位{n}改")), sharer, host);
        await MovesAsync("a filing withdrawn", db => db.CanteenFilings.Where(f => f.OrganisationId == sharer).ExecuteDeleteAsync(), sharer, host);

        // Cart lines, and the stock a line lacks: the cart shows a listing's stock only where a line asks for more.
        var tea = await Factory.ListingIdAsync(Tea);
        var (userId, stock) = await Factory.WithDbAsync(async db => (await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(),
            await db.Listings.Where(l => l.Id == tea).Select(l => l.Stock).SingleAsync()));
        Assert.True(stock >= 10, $"the demo's tea has {stock} in stock");
        CartLine Line(int organisation, int quantity) => new()
        {
            UserId = userId, OrganisationId = organisation, ListingId = tea, Quantity = quantity, SeenUnitPriceFen = 100, AddedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow,
        };
        Func<Core.Data.StorefrontDbContext, Task> StockOf(int units) => db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.Stock, units));
        try
        {
            await MovesAsync("a cart line added", db => { db.CartLines.Add(Line(host, 5)); return db.SaveChangesAsync(); }, host);
            await MovesAsync("another organisation's cart line", db => { db.CartLines.Add(Line(bystander, 1)); return db.SaveChangesAsync(); }, bystander);
            await MovesAsync("a cart line's quantity", db => db.CartLines.Where(c => c.OrganisationId == host).ExecuteUpdateAsync(u => u.SetProperty(c => c.Quantity, 6)), host);
            await MovesAsync("stock that still covers every line", StockOf(stock - 1));
            await MovesAsync("stock below one line's quantity", StockOf(3), host);
            await MovesAsync("stock still below it (the cart shows how much is left)", StockOf(2), host);
            await MovesAsync("stock enough again", StockOf(stock), host);
            await MovesAsync("a listing's other column", db => db.Listings.Where(l => l.Id == tea).ExecuteUpdateAsync(u => u.SetProperty(l => l.MinOrderQuantity, l => l.MinOrderQuantity)));
            await MovesAsync("a cart line removed", db => db.CartLines.Where(c => c.OrganisationId == host && c.UserId == userId).ExecuteDeleteAsync(), host);
        }
        finally
        {
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == userId).ExecuteDeleteAsync());
            await Factory.WithDbAsync(StockOf(stock));
        }

        // Orders, supply agreements, their deliveries and versions: the demo's rows, each touched by an update that keeps its values.
        async Task OwnRowMovesAsync(string what, Func<Core.Data.StorefrontDbContext, Task<int>> organisationOf, Func<Core.Data.StorefrontDbContext, Task<int>> change)
        {
            var organisation = await Factory.WithDbAsync(organisationOf);
            var before = await Factory.WithDbAsync(db => db.OrganisationVersions.Where(v => v.OrganisationId == organisation).Select(v => v.Stamp).SingleOrDefaultAsync());
            Assert.Equal(1, await Factory.WithDbAsync(change));
            var after = await Factory.WithDbAsync(db => db.OrganisationVersions.Where(v => v.OrganisationId == organisation).Select(v => v.Stamp).SingleOrDefaultAsync());
            Assert.True(before != after, $"{what}: organisation {organisation} did not move");
        }
        var order = await Factory.WithDbAsync(db => db.Orders.Select(o => new { o.Id, o.OrganisationId }).FirstAsync());
        await OwnRowMovesAsync("an order", _ => Task.FromResult(order.OrganisationId), db => db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, o => o.Status)));
        var agreement = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Deliveries.Any()).Select(a => new { a.Id, a.OrganisationId }).FirstAsync());
        await OwnRowMovesAsync("an agreement", _ => Task.FromResult(agreement.OrganisationId),
            db => db.SupplyAgreements.Where(a => a.Id == agreement.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, a => a.Status)));
        await OwnRowMovesAsync("a delivery", _ => Task.FromResult(agreement.OrganisationId), async db =>
            await db.StandingDeliveries.Where(d => d.Id == db.StandingDeliveries.Where(x => x.AgreementId == agreement.Id).Min(x => x.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.DeliveryDate, d => d.DeliveryDate)));
        var versioned = await Factory.WithDbAsync(db => db.AgreementVersions.Select(v => new { v.Id, v.AgreementId }).FirstAsync());
        await OwnRowMovesAsync("an agreement's version", db => db.SupplyAgreements.Where(a => a.Id == versioned.AgreementId).Select(a => a.OrganisationId).SingleAsync(),
            db => db.AgreementVersions.Where(v => v.Id == versioned.Id).ExecuteUpdateAsync(u => u.SetProperty(v => v.Version, v => v.Version)));
    }

    /// <summary>A time in the year's January, Shanghai.</summary>
    private static DateTime January(int year) => new(year, 1, 15, 10, 0, 0);
}
