using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Storefront.Core.Catalog;
using Storefront.Core.Jobs;
using Storefront.Core.Mail;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Jobs;
using Storefront.Web.Tests.Demand;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Performance;

/// <summary>
/// Two instances of the shop, each a host of its own (its own services, caches, key ring and job objects) listening
/// with Kestrel on a port of its own, against one throwaway PostgreSQL database, as behind a load balancer. The
/// clients are plain HTTP clients: whatever one instance gave a person (cookies, form tokens) is carried to the other
/// explicitly, as a load balancer without sticky sessions would.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesTests.Instances instances) : IClassFixture<TwoInstancesTests.Instances>
{
    private const string SchoolWithoutApprovals = "长沙市开福区第一小学";

    [SkippableFact]
    public async Task ASignInOnOneInstanceIsValidOnTheOtherWithItsFormTokens()
    {
        var (first, second) = instances.Start();
        var jar = new CookieContainer();
        var onFirst = instances.Browser(first, jar);
        await onFirst.SignInAsync(DemoData.AdminEmail);
        var home = await onFirst.GetPageAsync("/");

        var onSecond = instances.Browser(second, instances.CarryCookies(jar, first, second));
        var dashboard = await onSecond.GetPageAsync("/admin/quotas");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Equal("/admin/quotas", dashboard.Url!.AbsolutePath);
        Assert.NotNull(dashboard.Find("#sign-out"));

        // The sign-out form and its antiforgery token were made by the first instance; the second accepts them.
        var signedOut = await home.SubmitAsync(onSecond, "#sign-out-form");
        Assert.Equal(HttpStatusCode.OK, signedOut.Status);
        Assert.Null(signedOut.Find("#sign-out"));

        // Both read one key ring, and it is the database's: neither made keys of its own elsewhere.
        var stored = await first.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        var firstKeys = KeyNames(first);
        Assert.NotEmpty(firstKeys);
        Assert.Equal(firstKeys, KeyNames(second));
        Assert.All(firstKeys, k => Assert.Contains(k, stored));
    }

    [SkippableFact]
    public async Task AListingChangedThroughOneInstanceIsShownChangedByTheOther()
    {
        var (first, second) = instances.Start();
        var (supplierId, email) = await first.AddSupplierAsync();
        var marker = $"{Random.Shared.Next(100_000, 999_999)}";
        var id = await first.AddListingAsync(supplierId, title: $"双实例莓茶 {marker}");
        var anonymous = instances.Browser(second, new CookieContainer());

        // The second instance caches both pages for anonymous visitors and builds its catalog index.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal($"双实例莓茶 {marker}", (await anonymous.GetPageAsync($"/listings/{id}")).Text("#listing-title"));
            Assert.Equal([$"双实例莓茶 {marker}"], await TitlesFoundAsync(anonymous, $"双实例莓茶 {marker}"));
            Assert.Empty(await TitlesFoundAsync(anonymous, $"改名莓茶 {marker}"));
        }

        var supplier = instances.Browser(first, new CookieContainer());
        await supplier.SignInAsync(email);
        var form = await supplier.GetPageAsync($"/supplier/listings/edit/{id}");
        var saved = await form.SubmitAsync(supplier, "#listing-form", [new("Input.Title", $"改名莓茶 {marker}"), new("Input.Tiers[0].Price", "66")]);
        Assert.Empty(saved.Errors);

        var listing = await anonymous.GetPageAsync($"/listings/{id}");
        Assert.Equal($"改名莓茶 {marker}", listing.Text("#listing-title"));
        Assert.StartsWith("¥66.00 /", listing.Text("#price-tiers tbody tr:first-child td:nth-child(2)"));
        Assert.Equal([$"改名莓茶 {marker}"], await TitlesFoundAsync(anonymous, $"改名莓茶 {marker}"));
        Assert.Empty(await TitlesFoundAsync(anonymous, $"双实例莓茶 {marker}"));
    }

    [SkippableFact]
    public async Task CheckoutsThroughBothInstancesAtOnceNeverSellMoreThanTheStock()
    {
        const int buyers = 24, lastUnits = 8;
        var (first, second) = instances.Start();
        var listingId = await first.WithDbAsync(async db =>
        {
            var (supplierId, _) = await first.AddSupplierAsync();
            var id = await first.AddListingAsync(supplierId, title: $"双实例限量莓茶 {Guid.NewGuid():N}"[..16]);
            var listing = await db.Listings.Include(l => l.PriceTiers).SingleAsync(l => l.Id == id);
            listing.SetPricing(1, [new PriceTier(1, 6800)]);
            listing.Stock = lastUnits;
            listing.Revise(DateTime.UtcNow);
            await db.Organisations.Where(o => o.Name == SchoolWithoutApprovals).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null));
            await db.SaveChangesAsync();
            return id;
        });

        // Every buyer signs in and fills the cart on the first instance; every other one checks out through the second.
        var checkouts = new List<(HttpClient Client, HtmlPage Page)>();
        for (var i = 0; i < buyers; i++)
        {
            var jar = new CookieContainer();
            var onFirst = instances.Browser(first, jar);
            await onFirst.SignInAsync(await first.NewMemberAsync(SchoolWithoutApprovals, OrganisationRoles.Buyer));
            await onFirst.QuickOrderAsync($"L{listingId}, 1");
            var client = i % 2 == 0 ? onFirst : instances.Browser(second, instances.CarryCookies(jar, first, second));
            var page = await client.GetPageAsync("/cart/checkout");
            Assert.NotNull(page.Find("#place-order"));
            checkouts.Add((client, page));
        }

        var results = await Task.WhenAll(checkouts.Select(c => c.Page.SubmitAsync(c.Client, "#checkout-form")));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var placed = results.Count(r => r.Url!.AbsolutePath.StartsWith("/orders/purchases/", StringComparison.Ordinal));
        var refused = results.Where(r => r.Url!.AbsolutePath == "/cart/checkout").ToList();
        Assert.Equal(lastUnits, placed);
        Assert.Equal(buyers - lastUnits, refused.Count);
        Assert.All(refused, r => Assert.Contains("库存不足", r.Text("#checkout-changes")));
        var (stock, sold) = await second.WithDbAsync(async db => (
            await db.Listings.Where(l => l.Id == listingId).Select(l => l.Stock).SingleAsync(),
            await db.OrderLines.Where(l => l.ListingId == listingId).SumAsync(l => l.Quantity)));
        Assert.Equal((0, lastUnits), (stock, sold));
    }

    [SkippableFact]
    public async Task AJobStartedOnBothInstancesAtOnceRunsOnOneOfThem()
    {
        var (first, second) = instances.Start();
        var probe = new ProbeRuns();
        var jobs = Enumerable.Range(0, 16).Select(i => new ProbeJob(i % 2 == 0 ? first : second, probe)).ToList();

        var attempts = jobs.Select(j => Task.Run(() => j.TryRunAsync(CancellationToken.None))).ToArray();
        // The winner waits inside its run until every other attempt has come back; a second run would not wait.
        while (attempts.Count(a => !a.IsCompleted) > 1)
            await Task.WhenAny(attempts.Where(a => !a.IsCompleted));
        probe.Finish();
        var ran = await Task.WhenAll(attempts);

        Assert.Equal(1, ran.Count(r => r));
        Assert.Equal(1, probe.Runs);
    }

    [SkippableFact]
    public async Task WhileOneInstanceHoldsAJobsLeaseTheOtherDoesNotRunIt()
    {
        var (first, second) = instances.Start();
        var jobs = second.Services.GetServices<IHostedService>().OfType<LeasedJob>()
            .Concat(Platform832Jobs(second))
            .ToList();
        Assert.Contains(jobs, j => j is Web.Mail.MailWorker);
        Assert.Contains(jobs, j => j is Web.Quotas.QuotaDigestJob);
        Assert.Contains(jobs, j => j is Web.Demand.StandingOrderJob);
        Assert.Equal(4, jobs.Count(j => j.GetType().Name.StartsWith("Platform832", StringComparison.Ordinal)));

        foreach (var job in jobs)
        {
            var holder = $"first-instance-{Guid.NewGuid():N}";
            using var scope = first.Services.CreateScope();
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            // Waits for a run of the job's own background loop, if one is under way, to give its lease back.
            while (!await leases.TryAcquireAsync(job.LeaseName, holder, TimeSpan.FromMinutes(5)))
                await Task.Delay(50);

            Assert.False(await job.TryRunAsync(CancellationToken.None), job.LeaseName);
            var lease = await first.WithDbAsync(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == job.LeaseName));
            Assert.Equal(holder, lease.Holder);
            await leases.ReleaseAsync(job.LeaseName, holder, succeeded: false);
        }
    }

    [SkippableFact]
    public async Task StandingOrdersRunOnBothInstancesAtOnceMakeEachDeliverysOrderOnce()
    {
        var (first, second) = instances.Start();
        var (supplierId, _) = await first.AddSupplierAsync();
        var listingId = await first.AddListingAsync(supplierId);
        var buyer = await first.NewMemberAsync(SchoolWithoutApprovals, OrganisationRoles.Buyer);
        var school = await first.OrganisationIdAsync(SchoolWithoutApprovals);
        await first.WithDbAsync(db => db.Organisations.Where(o => o.Id == school).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null)));
        // Deliveries two and three days from today: both within the lead of three days.
        var today = Demand.StandingArrange.Today;
        var agreementId = await first.AddAgreementAsync(school, supplierId, listingId, 6125, 10, buyer, 2, today.AddDays(2), today.AddDays(3));
        var jobs = new[] { first, second }.Select(i => i.Services.GetServices<IHostedService>().OfType<Web.Demand.StandingOrderJob>().Single()).ToList();

        // The jobs under their lease, and the work itself bypassing the lease, as two instances whose leases overlapped would.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            if (i % 4 == 0) await jobs[i % 2].TryRunAsync(CancellationToken.None);
            else await (i % 2 == 0 ? first : second).Services.RunStandingOrdersAsync();
        })));

        var (orders, rows, stock) = await second.WithDbAsync(async db => (
            await db.Orders.Where(o => db.StandingDeliveries.Any(d => d.AgreementId == agreementId && d.OrderId == o.Id)).Select(o => o.TotalFen).ToListAsync(),
            await db.StandingDeliveries.CountAsync(d => d.AgreementId == agreementId && d.Status == Core.Demand.StandingDeliveryStatus.Ordered),
            await db.Listings.Where(l => l.Id == listingId).Select(l => l.Stock).SingleAsync()));
        Assert.Equal([61_250L, 61_250L], orders);
        Assert.Equal(2, rows);
        Assert.Equal(100 - 20, stock);
    }

    [SkippableFact]
    public async Task QueuedMailSentByTheWorkersOfBothInstancesGoesOutOnce()
    {
        var (first, second) = instances.Start();
        var to = Enumerable.Range(0, 12).Select(i => $"two-instances-{i}-{Guid.NewGuid():N}@example.cn").ToList();
        await first.WithDbAsync(async db =>
        {
            var queue = new MailQueue(db, TimeProvider.System);
            foreach (var address in to) queue.Enqueue(address, "两个实例", "只发一次。");
            await db.SaveChangesAsync();
        });
        var workers = new[] { first, second }.Select(i => i.Services.GetServices<IHostedService>().OfType<Web.Mail.MailWorker>().Single()).ToList();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => workers[i % 2].TryRunAsync(CancellationToken.None))));
        // Whatever a run that lost every race left, a last run on each instance sends; none sends anything again.
        foreach (var worker in workers)
            while (!await worker.TryRunAsync(CancellationToken.None)) await Task.Delay(50);

        var written = new[] { first, second }
            .Select(i => Path.Combine(i.DataPath, "mail-pickup"))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.eml"))
            .Select(File.ReadAllText)
            .ToList();
        Assert.All(to, address => Assert.Single(written, text => text.Contains(address, StringComparison.Ordinal)));
        Assert.Equal(to.Count, await first.WithDbAsync(db => db.OutgoingMails.CountAsync(m => to.Contains(m.To) && m.SentAtUtc != null)));
    }

    private static async Task<List<string>> TitlesFoundAsync(HttpClient client, string search) =>
        (await client.GetPageAsync("/catalog?q=" + Uri.EscapeDataString(search))).All("#results .card-title").Select(e => e.TextContent.Trim()).ToList();

    private static List<string> KeyNames(Instance instance) =>
        instance.Services.GetRequiredService<IKeyManager>().GetAllKeys().Select(k => $"key-{k.KeyId:D}").Order(StringComparer.Ordinal).ToList();

    /// <summary>The 832 jobs, made as the shop makes them when Platform832:BaseUrl is set (the tests set none).</summary>
    private static IEnumerable<LeasedJob> Platform832Jobs(Instance instance) =>
        new[] { typeof(Setup.Platform832SyncJob), typeof(Setup.Platform832AuditsJob), typeof(Setup.Platform832OrdersJob), typeof(Setup.Platform832ReconciliationJob) }
            .Select(type => (LeasedJob)ActivatorUtilities.CreateInstance(instance.Services, type));

    private sealed class ProbeRuns
    {
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public Task RunAsync() => Interlocked.Increment(ref _runs) == 1 ? _finish.Task : Task.CompletedTask;

        public void Finish() => _finish.TrySetResult();
    }

    /// <summary>A job of its own lease name, made in one instance's services, that counts its runs.</summary>
    private sealed class ProbeJob(Instance instance, ProbeRuns runs)
        : LeasedJob(instance.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger.Instance)
    {
        protected override string Name => "two-instances-probe";
        protected override TimeSpan Interval => TimeSpan.FromDays(1);
        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) => runs.RunAsync();
    }

    /// <summary>One instance of the shop: Kestrel on a free port, the database of the first instance when given one.</summary>
    public sealed class Instance : PostgreSqlStorefrontFactory
    {
        private readonly Instance? _sharing;

        public Instance(Instance? sharing)
        {
            _sharing = sharing;
            UseKestrel(0);
        }

        /// <summary>Plain HTTP on the loopback, as behind a load balancer that ends TLS.</summary>
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:SecureCookies", "SameAsRequest"), new("AllowedHosts", TestDatabases.LoopbackHosts)];

        protected override string CreateDatabase() => _sharing?.ConnectionString ?? base.CreateDatabase();

        public Uri Address
        {
            get
            {
                StartServer();
                return ClientOptions.BaseAddress;
            }
        }
    }

    public sealed class Instances : IDisposable
    {
        private readonly List<HttpClient> _clients = [];
        private readonly Lazy<(Instance, Instance)> _started;

        public Instances()
        {
            First = new Instance(null);
            Second = new Instance(First);
            // The first prepares the database; the second starts on it as it is.
            _started = new(() =>
            {
                First.StartServer();
                Second.StartServer();
                Assert.NotEqual(First.Address.Port, Second.Address.Port);
                return (First, Second);
            });
        }

        public Instance First { get; }
        public Instance Second { get; }

        /// <summary>Both instances running, after skipping the test when PostgreSQL cannot run here.</summary>
        public (Instance First, Instance Second) Start()
        {
            First.RequireDatabase();
            return _started.Value;
        }

        /// <summary>A browser of one instance: its own cookies, following redirects.</summary>
        public HttpClient Browser(Instance instance, CookieContainer cookies)
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = instance.Address };
            lock (_clients) _clients.Add(client);
            return client;
        }

        /// <summary>The cookies one instance set, as the browser would send them to the other behind one address.</summary>
        public CookieContainer CarryCookies(CookieContainer jar, Instance from, Instance to)
        {
            var carried = new CookieContainer();
            foreach (Cookie cookie in jar.GetCookies(from.Address))
                carried.Add(to.Address, new Cookie(cookie.Name, cookie.Value, "/"));
            return carried;
        }

        public void Dispose()
        {
            lock (_clients) _clients.ForEach(c => c.Dispose());
            Second.Dispose();
            First.Dispose();
        }
    }
}
