using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Web.Demo;
using Storefront.Web.Performance;

namespace Storefront.Web.Tests.Catalog;

public class BuyerCatalogOnSqlite(BuyerCatalogOnSqlite.QuietFactory factory) : BuyerCatalogTests<BuyerCatalogOnSqlite.QuietFactory>(factory)
{
    // No background jobs: their saves (a listing's 832 sync state) would give the catalog a new stamp between two reads.
    public sealed class QuietFactory : StorefrontFactory, IHearsCommands
    {
        public ExecutedCommands Commands { get; } = new();
        public MovableClock Clock { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Jobs:Enabled", "false"), .. ExecutedCommands.Settings];
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(Commands));
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }
}

public class BuyerCatalogOnPostgreSql(BuyerCatalogOnPostgreSql.QuietFactory factory) : BuyerCatalogTests<BuyerCatalogOnPostgreSql.QuietFactory>(factory)
{
    public sealed class QuietFactory : PostgreSqlStorefrontFactory, IHearsCommands
    {
        public ExecutedCommands Commands { get; } = new();
        public MovableClock Clock { get; } = new();
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Jobs:Enabled", "false"), .. ExecutedCommands.Settings];
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(Commands));
            builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }
}

/// <summary>A shop whose executed statements a test can hear, and whose clock it can move on.</summary>
public interface IHearsCommands
{
    ExecutedCommands Commands { get; }
    MovableClock Clock { get; }
}

/// <summary>The system's clock, moved on when a test says so.</summary>
public sealed class MovableClock : TimeProvider
{
    private long _ahead;
    public void MoveOn(TimeSpan by) => Interlocked.Add(ref _ahead, by.Ticks);
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _ahead));
}

/// <summary>
/// The statements one shop runs (EF's log of executed commands, and the kept statements run without EF), heard
/// between <see cref="Start"/> and the end of the returned scope. The factory's jobs are off, so what is heard is the
/// test's own requests.
/// </summary>
public sealed class ExecutedCommands : ILoggerProvider
{
    private static readonly string KeptCategory = typeof(KeptStatements).FullName!;

    public static readonly KeyValuePair<string, string?>[] Settings =
        [new($"Logging:LogLevel:{DbLoggerCategory.Database.Command.Name}", "Information"), new($"Logging:LogLevel:{KeptCategory}", "Information")];
    private List<string>? _heard;

    public IDisposable Start()
    {
        Interlocked.Exchange(ref _heard, []);
        return new Stop(this);
    }

    public IReadOnlyList<string> Texts { get { var heard = _heard; if (heard is null) return []; lock (heard) return [.. heard]; } }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == DbLoggerCategory.Database.Command.Name ? new Listener(this, RelationalEventId.CommandExecuted.Id)
        : categoryName == KeptCategory ? new Listener(this, KeptStatements.ExecutedEventId)
        : NullLogger.Instance;
    public void Dispose() { }

    private sealed class Stop(ExecutedCommands commands) : IDisposable
    {
        public void Dispose() => commands._heard = null;
    }

    private sealed class Listener(ExecutedCommands commands, int executed) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id != executed || commands._heard is not { } heard) return;
            lock (heard) heard.Add(formatter(state, exception));
        }
    }
}

/// <summary>
/// The catalog's results are made once per catalog stamp and shared by signed-in people (Performance/CatalogFragments):
/// what is one person's own (their forms' token, their cart) never reaches another, and a change is seen at once.
/// </summary>
public abstract class BuyerCatalogTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory, IHearsCommands
{
    private const string Title = "保靖黄金茶 明前特级 100g";
    private static readonly string Search = "/catalog?q=" + Uri.EscapeDataString("黄金茶");

    private Task<int> ListingIdAsync() => Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == Title).Select(l => l.Id).SingleAsync());

    private static string Token(HtmlPage page, string form) =>
        page.Get($"{form} input[name=__RequestVerificationToken]").GetAttribute("value")!;

    [SkippableFact]
    public async Task BuyersOfTwoOrganisationsShareTheResultsButEachPostsWithTheirOwnToken()
    {
        var id = await ListingIdAsync();
        var school = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var hospital = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        var schoolPage = await school.GetPageAsync(Search);
        Assert.Equal(Token(schoolPage, "#sign-out-form"), Token(schoolPage, $"#card-cart-{id}"));

        // Written around the change tracker, so the catalog's stamp stays: the hospital's page still shows the title the
        // school's request rendered, so it was made from the shared results.
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).ExecuteUpdateAsync(u => u.SetProperty(l => l.Title, "共享结果外的标题")));
        try
        {
            var hospitalPage = await hospital.GetPageAsync(Search);
            Assert.Equal(Title, hospitalPage.Get($"#card-cart-{id}").Closest(".card")!.QuerySelector(".card-title")!.TextContent.Trim());
            var hospitalToken = Token(hospitalPage, "#sign-out-form");
            Assert.Equal(hospitalToken, Token(hospitalPage, $"#card-cart-{id}"));
            Assert.NotEqual(Token(schoolPage, "#sign-out-form"), hospitalToken);
            Assert.DoesNotContain(Token(schoolPage, "#sign-out-form"), hospitalPage.Body);

            // The hospital's card form posts with the hospital's token, into the hospital's buyer's cart only.
            var added = await hospitalPage.SubmitAsync(hospital, $"#card-cart-{id}", [new("Quantity", "12")]);
            Assert.Contains("12", added.Text(".flash"));
            var hospitalCart = await hospital.GetPageAsync("/cart");
            Assert.Equal("12", hospitalCart.Get($"#qty-{id}").GetAttribute("value"));
            Assert.Null((await school.GetPageAsync("/cart")).Find($"#qty-{id}"));
        }
        finally
        {
            // Through the change tracker, so that the stamp moves on and nothing kept under the old one is seen again.
            await Factory.WithDbAsync(async db => { (await db.Listings.SingleAsync(l => l.Id == id)).Title = Title; await db.SaveChangesAsync(); });
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.ListingId == id).ExecuteDeleteAsync());
        }
    }

    [SkippableFact]
    public async Task AListingChangedThroughTheShopIsSeenByTheNextBuyerAtOnce()
    {
        var id = await ListingIdAsync();
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("agency", "buyer"));
        Assert.Contains(Title, (await buyer.GetPageAsync(Search)).All("#results .card-title").Select(e => e.TextContent.Trim()));

        // A save through the change tracker gives the catalog a new stamp, so the shared results are made again.
        await Factory.WithDbAsync(async db => { (await db.Listings.SingleAsync(l => l.Id == id)).Title = "保靖黄金茶 新标题"; await db.SaveChangesAsync(); });
        try
        {
            var titles = (await buyer.GetPageAsync(Search)).All("#results .card-title").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("保靖黄金茶 新标题", titles);
            Assert.DoesNotContain(Title, titles);
        }
        finally
        {
            await Factory.WithDbAsync(async db => { (await db.Listings.SingleAsync(l => l.Id == id)).Title = Title; await db.SaveChangesAsync(); });
        }
    }

    [SkippableFact]
    public async Task ResultsMadeForABuyerAreNotServedToSomeoneWhoCannotBuy()
    {
        var id = await ListingIdAsync();
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.NotNull((await buyer.GetPageAsync(Search)).Find($"#card-cart-{id}"));

        var supplier = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var page = await supplier.GetPageAsync(Search);
        Assert.Contains(Title, page.All("#results .card-title").Select(e => e.TextContent.Trim()));
        Assert.Empty(page.All("#results form"));
    }

    [SkippableFact]
    public async Task AListingPageIsSharedByStampYetShowsTheStockCheckoutTakesAtOnce()
    {
        var (id, stock) = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == Title).Select(l => new { l.Id, l.Stock }).SingleAsync())
            is var x ? (x.Id, x.Stock) : default;
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        Assert.Equal(Title, (await buyer.GetPageAsync($"/listings/{id}")).Text("#listing-title"));

        // Around the change tracker, as checkout takes stock: the title is read once per stamp, the stock every time.
        await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Title, "共享结果外的标题").SetProperty(l => l.Stock, l => l.Stock - 7)));
        try
        {
            var page = await buyer.GetPageAsync($"/listings/{id}");
            Assert.Equal(Title, page.Text("#listing-title"));
            Assert.StartsWith($"{stock - 7} ", page.Text("#listing-stock"));
            Assert.NotNull(page.Find("#add-to-cart-form"));

            // Taken out of the catalog through the shop (a new stamp): the page is gone at once.
            await Factory.WithDbAsync(async db => { (await db.Listings.SingleAsync(l => l.Id == id)).Status = Core.Catalog.ListingStatus.Unpublished; await db.SaveChangesAsync(); });
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await buyer.GetAsync($"/listings/{id}")).StatusCode);
        }
        finally
        {
            await Factory.WithDbAsync(async db =>
            {
                var listing = await db.Listings.SingleAsync(l => l.Id == id);
                (listing.Title, listing.Stock, listing.Status) = (Title, stock, Core.Catalog.ListingStatus.Published);
                await db.SaveChangesAsync();
            });
        }
    }

    [SkippableFact]
    public async Task TheQuotaPageReadsWhichOrganisationsCountAndTheirMonthsOnce()
    {
        var admin = await SignedInClientAsync(DemoData.MemberEmail("school", "admin"));
        // Another address first, so that what is heard is the making of the page, not the page kept for them (SharedPages).
        await admin.GetPageAsync("/quota?warm=1");
        using var commands = Factory.Commands.Start();
        var page = await admin.GetPageAsync("/quota");

        // Who they are; the organisation, its filing and how many share its canteen; the months of those counting (the
        // counted total, the chart); the entries' page with their count. Before: the organisations counting were read
        // three times and the months twice (nine statements), then which organisations count and the entries' count
        // each had a statement of their own (six).
        Assert.Equal(4, Factory.Commands.Texts.Count);
        Assert.Single(Factory.Commands.Texts, t => t.Contains("QuotaMonthlyTotals", StringComparison.Ordinal));
        Assert.NotNull(page.Find("#quota-pace-progress"));
    }

    [SkippableFact]
    public async Task TheQuotaPageOfAnOrganisationWithAQuotaReadsItsAgreementsInOneMoreStatement()
    {
        var admin = await SignedInClientAsync(DemoData.MemberEmail("hospital", "admin"));
        var year = Core.Money.ShanghaiTime.YearOf(DateTime.UtcNow);
        await Factory.WithDbAsync(async db =>
        {
            var hospital = await db.Organisations.Where(o => o.Name == "长沙市天心区人民医院").Select(o => o.Id).SingleAsync();
            await db.CanteenFilings.Where(f => f.OrganisationId == hospital && f.Year == year).ExecuteDeleteAsync();
            db.CanteenFilings.Add(new Core.Quotas.CanteenFiling
            {
                OrganisationId = hospital, Year = year, Kind = Core.Quotas.FilingKind.Canteen, BaseFen = 10_000_000_00, Status = Core.Quotas.FilingStatus.Approved,
                AppliedRatioBasisPoints = 1000, ReservedFen = 1_000_000_00, SubmittedAtUtc = DateTime.UtcNow, ReviewedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });
        await admin.GetPageAsync("/quota?warm=1");
        using var commands = Factory.Commands.Start();
        var page = await admin.GetPageAsync("/quota");

        // The four above, and the forecast from signed agreements (issue 15): the active agreements of the organisations
        // counting towards the quota, their deliveries written from today, whether each order is paid and whether the
        // county counts, all in one statement. The school above has no approved quota, so it has nothing to forecast.
        Assert.Equal(5, Factory.Commands.Texts.Count);
        Assert.Single(Factory.Commands.Texts, t => t.Contains("SupplyAgreements", StringComparison.Ordinal));
        Assert.NotNull(page.Find("#quota-agreements-forecast"));
    }

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<int> UnreadAsync(string userId) => Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null));

    private Task AddUnreadAsync(string userId, int count) => Factory.WithDbAsync(db =>
    {
        for (var i = 0; i < count; i++)
            db.Notifications.Add(new Core.Notifications.Notification
            {
                UserId = userId, Kind = Core.Notifications.NotificationKind.OrderAwaitingPayment, Subject = "共享页测试", Link = "/orders", CreatedAtUtc = DateTime.UtcNow,
            });
        return db.SaveChangesAsync();
    });

    private static string? UnreadBadge(HtmlPage page) => page.Find("#unread-count")?.FirstChild?.TextContent.Trim();

    [SkippableFact]
    public async Task TwoBuyersOfTwoOrganisationsShareOneMadePageYetEachSeesOnlyTheirOwnNameCountAndToken()
    {
        var (schoolEmail, hospitalEmail) = (DemoData.MemberEmail("school", "buyer"), DemoData.MemberEmail("hospital", "buyer"));
        var (schoolId, hospitalId) = (await UserIdAsync(schoolEmail), await UserIdAsync(hospitalEmail));
        await AddUnreadAsync(schoolId, 3);
        var school = await SignedInClientAsync(schoolEmail);
        var hospital = await SignedInClientAsync(hospitalEmail);
        const string url = "/catalog?sort=newest&shared-page-test=1";
        try
        {
            var schoolPage = await school.GetPageAsync(url);
            Assert.Equal(schoolEmail, schoolPage.Text("#nav-user"));
            Assert.Equal((await UnreadAsync(schoolId)).ToString(System.Globalization.CultureInfo.InvariantCulture), UnreadBadge(schoolPage));

            // The hospital's buyer gets the page the school's request made (one statement: who they are), filled for them.
            using (Factory.Commands.Start())
            {
                var hospitalPage = await hospital.GetPageAsync(url);
                Assert.Single(Factory.Commands.Texts);
                Assert.Equal(hospitalEmail, hospitalPage.Text("#nav-user"));
                Assert.DoesNotContain(schoolEmail, hospitalPage.Body);
                var hospitalUnread = await UnreadAsync(hospitalId);
                Assert.Equal(hospitalUnread == 0 ? null : hospitalUnread.ToString(System.Globalization.CultureInfo.InvariantCulture), UnreadBadge(hospitalPage));
                Assert.DoesNotContain(Token(schoolPage, "#sign-out-form"), hospitalPage.Body);
                Assert.All(hospitalPage.All("input[name=__RequestVerificationToken]"), input => Assert.Equal(Token(hospitalPage, "#sign-out-form"), input.GetAttribute("value")));
            }

            // The count is the person's at each request, not the one the page was made with.
            await Factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == schoolId && n.ReadAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, DateTime.UtcNow)));
            Assert.Null(UnreadBadge(await school.GetPageAsync(url)));
            await AddUnreadAsync(schoolId, 2);
            Assert.Equal("2", UnreadBadge(await school.GetPageAsync(url)));

            // Each buyer's own token posts: the shared page's form adds to the hospital buyer's cart.
            var id = await ListingIdAsync();
            var hospitalSearch = await hospital.GetPageAsync(Search);
            var added = await hospitalSearch.SubmitAsync(hospital, $"#card-cart-{id}", [new("Quantity", "12")]);
            Assert.Contains("12", added.Text(".flash"));
            Assert.Null((await school.GetPageAsync("/cart")).Find($"#qty-{id}"));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Subject == "共享页测试").ExecuteDeleteAsync());
            await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == hospitalId).ExecuteDeleteAsync());
        }
    }

    [SkippableFact]
    public async Task ASharedPageIsKeptPerLanguageAndNeverServedWithAStatusMessageForSomeoneElse()
    {
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("agency", "buyer"));
        var url = Search + "&shared-page-language=1";
        Assert.Equal("zh-CN", (await buyer.GetPageAsync(url)).Get("html").GetAttribute("lang"));

        // The language switch on the shared page itself: the page it returns to is English, made for English.
        var english = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var switched = await (await english.GetPageAsync(url)).SubmitAsync(english, "form.culture-switch", submitName: "culture", submitValue: "en");
        Assert.Equal("en", switched.Get("html").GetAttribute("lang"));
        Assert.Equal(DemoData.MemberEmail("school", "buyer"), switched.Text("#nav-user"));
        Assert.Equal("zh-CN", (await buyer.GetPageAsync(url)).Get("html").GetAttribute("lang"));

        // A status message kept for the next page is that person's: the page is made for them, not served shared.
        var id = await ListingIdAsync();
        var added = await (await buyer.GetPageAsync(url)).SubmitAsync(buyer, $"#card-cart-{id}", [new("Quantity", "12")]);
        Assert.Contains("12", added.Text(".flash"));
        Assert.Null((await buyer.GetPageAsync(url)).Find(".flash"));
        await Factory.WithDbAsync(db => db.CartLines.Where(c => c.ListingId == id).ExecuteDeleteAsync());
    }

    [SkippableFact]
    public async Task ATokenKeptForOnePersonsCookieIsNotGivenToTheNextPersonSignedInWithTheSameBrowser()
    {
        var id = await ListingIdAsync();
        var browser = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var first = Token(await browser.GetPageAsync(Search), "#sign-out-form");
        Assert.Equal(first, Token(await browser.GetPageAsync(Search), "#sign-out-form"));

        // Signed out and in as the hospital's buyer: the browser keeps its antiforgery cookie, and gets a token of its own.
        await (await browser.GetPageAsync(Search)).SubmitAsync(browser, "#sign-out-form");
        await browser.SignInAsync(DemoData.MemberEmail("hospital", "buyer"));
        var page = await browser.GetPageAsync(Search);
        Assert.NotEqual(first, Token(page, "#sign-out-form"));
        var added = await page.SubmitAsync(browser, $"#card-cart-{id}", [new("Quantity", "12")]);
        Assert.Contains("12", added.Text(".flash"));
        var hospitalBuyer = await UserIdAsync(DemoData.MemberEmail("hospital", "buyer"));
        Assert.Equal(12, await Factory.WithDbAsync(db => db.CartLines.Where(c => c.UserId == hospitalBuyer && c.ListingId == id).Select(c => c.Quantity).SingleAsync()));
        await Factory.WithDbAsync(db => db.CartLines.Where(c => c.ListingId == id).ExecuteDeleteAsync());
    }

    [SkippableFact]
    public async Task ABuyersCatalogPageAsksTheDatabaseOnceForWhoTheyAreWhenItsResultsAreShared()
    {
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        await buyer.GetPageAsync("/catalog"); // made once for everyone
        using var commands = Factory.Commands.Start();
        var page = await buyer.GetPageAsync("/catalog");

        // The seats (organisation and supplier), the unread count and the catalog's stamp in one statement; the page
        // comes whole from the one another request made (SharedPages). Before: three statements, then one and the
        // stamp read beside EF on a connection of its own.
        var statement = Assert.Single(Factory.Commands.Texts);
        Assert.Contains("UNION ALL", statement);
        Assert.Contains("Notifications", statement);
        Assert.Contains("CatalogVersions", statement);
        Assert.NotNull(page.Find("#nav-cart"));
        Assert.NotEmpty(page.All("#results form[id^='card-cart-']"));
    }
}
