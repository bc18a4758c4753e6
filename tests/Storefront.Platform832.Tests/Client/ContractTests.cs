using System.Diagnostics;
using Storefront.Platform832.Client;
using Storefront.Platform832.Simulator;

namespace Storefront.Platform832.Tests.Client;

/// <summary>The client against the simulator, endpoint by endpoint and error code by error code (API.md sections 1 to 5).</summary>
public class ContractTests
{
    private const string Supplier = "S430000123";

    private static ProductContent Tea(int revision, long price = 6800, int stock = 1200, string title = "永顺莓茶 250g") => new()
    {
        Revision = revision,
        Title = title,
        CategoryCode = "150001",
        OriginCountyCode = "433127",
        CertificationNo = "HN-2020-0001234",
        Unit = "盒",
        Spec = "250g/盒",
        PriceFen = price,
        Stock = stock,
        MinOrderQty = 10,
        ImageUrls = ["https://shop.example.cn/media/listings/42/main.jpg"],
        Description = "高山莓茶",
    };

    private static async Task<AdapterHarness> StartAsync(Action<SimulatorOptions>? simulator = null, IDictionary<string, string?>? adapter = null)
    {
        var harness = await AdapterHarness.StartAsync(simulator, adapter, mapCategories: false);
        harness.Platform.State.UpsertSupplier(Supplier, "永顺县松柏莓茶专业合作社", "93433127MA0000001X", "433127", "ACTIVE");
        return harness;
    }

    [Fact]
    public async Task ReferenceDataAndSuppliersAreRead()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var categories = await client.GetCategoriesAsync();
        Assert.Contains(categories.Value, c => c.Code == "150001" && c.Name == "茶叶" && c.ParentCode == "1500");
        // The platform's tree is its own: not one code in common with the shop's, so only a mapping gets a listing there.
        Assert.Empty(categories.Value.Select(c => c.Code).Intersect(Core.Catalog.Categories.All().Select(c => c.Code)));
        var counties = await client.GetCountiesAsync();
        Assert.Contains(counties.Value, c => c.Code == "433127" && c.Name == "永顺县" && c.Province == "湖南省");
        Assert.Contains(counties.Value, c => c.Code == "522327" && c.Province == "贵州省");
        Assert.DoesNotContain(counties.Value, c => c.Code == "430726"); // 石门县: designated by the shop, not accepted by this platform
        var supplier = await client.GetSupplierAsync(Supplier);
        Assert.Equal(PlatformSupplier.Active, supplier.Value.Status);
        Assert.Equal("433127", supplier.Value.CountyCode);

        var unknown = await client.GetSupplierAsync("S000");
        Assert.Equal(Platform832Outcome.NotFound, unknown.Outcome);
        Assert.Equal(404, unknown.HttpStatus);
        Assert.Equal(1, unknown.Attempts);
    }

    [Fact]
    public async Task AnUpsertIsAcknowledgedAndItsReplayAnswersTheStoredResult()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var first = await client.UpsertProductAsync(Supplier, "L42", Tea(7));
        Assert.True(first.IsSuccess, first.Describe());
        Assert.Equal(7, first.Value.Revision);
        Assert.Equal("PENDING", first.Value.AuditStatus);
        Assert.False(first.Value.Delisted);
        Assert.NotNull(first.Value.PlatformProductId);

        var replay = await client.UpsertProductAsync(Supplier, "L42", Tea(7));
        Assert.True(replay.IsSuccess);
        Assert.Equal(first.Value.PlatformProductId, replay.Value.PlatformProductId);

        var read = await client.GetProductAsync(Supplier, "L42");
        Assert.Equal("永顺莓茶 250g", read.Value.Title);
        Assert.Equal(6800, read.Value.PriceFen);
        Assert.Equal(["https://shop.example.cn/media/listings/42/main.jpg"], read.Value.ImageUrls);
        Assert.Equal(Platform832Outcome.NotFound, (await client.GetProductAsync(Supplier, "L43")).Outcome);
    }

    [Fact]
    public async Task ALowerRevisionOrTheSameRevisionWithOtherContentIsStaleAndNotRetried()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        await client.UpsertProductAsync(Supplier, "L42", Tea(7));

        var lower = await client.UpsertProductAsync(Supplier, "L42", Tea(6));
        Assert.Equal(Platform832Outcome.StaleRevision, lower.Outcome);
        Assert.Equal(409, lower.HttpStatus);
        Assert.Equal(7, lower.CurrentRevision);
        Assert.Equal(1, lower.Attempts);

        var changed = await client.UpsertProductAsync(Supplier, "L42", Tea(7, price: 7000));
        Assert.Equal(Platform832Outcome.StaleRevision, changed.Outcome);
        Assert.Equal(7, changed.CurrentRevision);
    }

    [Fact]
    public async Task OnlyAChangeBeyondPriceAndStockSendsAProductBackToAudit()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        await client.UpsertProductAsync(Supplier, "L42", Tea(1));
        h.Platform.State.Decide(Supplier, "L42", approve: true, null);
        Assert.Equal("APPROVED", (await client.UpsertProductAsync(Supplier, "L42", Tea(2, price: 6500, stock: 10))).Value.AuditStatus);
        Assert.Equal("PENDING", (await client.UpsertProductAsync(Supplier, "L42", Tea(3, price: 6500, stock: 10, title: "永顺莓茶 500g"))).Value.AuditStatus);
    }

    [Fact]
    public async Task AnInvalidProductIsRefusedWithAReasonForEveryFieldAndNotRetried()
    {
        await using var h = await StartAsync();
        var bad = Tea(1) with { Title = new string('茶', 61), OriginCountyCode = "430104", ImageUrls = ["/relative.jpg"], PriceFen = 0, CategoryCode = "9999" };
        var result = await h.Client().UpsertProductAsync(Supplier, "L42", bad);
        Assert.Equal(Platform832Outcome.ValidationFailed, result.Outcome);
        Assert.Equal(400, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Contains(new FieldError("title", "TOO_LONG"), result.FieldErrors);
        Assert.Contains(new FieldError("originCountyCode", "NOT_DESIGNATED_COUNTY"), result.FieldErrors);
        Assert.Contains(new FieldError("imageUrls[0]", "INVALID_URL"), result.FieldErrors);
        Assert.Contains(new FieldError("priceFen", "OUT_OF_RANGE"), result.FieldErrors);
        Assert.Contains(new FieldError("categoryCode", "UNKNOWN_CATEGORY"), result.FieldErrors);
        Assert.Equal(Platform832Outcome.ValidationFailed, (await h.Client().UpsertProductAsync(Supplier, "bad id!", Tea(1))).Outcome);
    }

    [Fact]
    public async Task WritesForASuspendedSupplierFailOnTheSupplierCodeAndAnUnknownSupplierIsNotFound()
    {
        await using var h = await StartAsync();
        h.Platform.State.UpsertSupplier(Supplier, "合作社", null, "433127", "SUSPENDED");
        var result = await h.Client().UpsertProductAsync(Supplier, "L42", Tea(1));
        Assert.Equal(Platform832Outcome.ValidationFailed, result.Outcome);
        Assert.Equal([new FieldError("supplierCode", "SUPPLIER_SUSPENDED")], result.FieldErrors);
        Assert.Equal(Platform832Outcome.NotFound, (await h.Client().UpsertProductAsync("S999", "L42", Tea(1))).Outcome);
    }

    [Fact]
    public async Task ABatchAnswersEachItemInOrderAsASingleUpsertWould()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        await client.UpsertProductAsync(Supplier, "L2", Tea(5));
        var result = await client.BatchUpsertAsync(Supplier,
        [
            new BatchItem("L1", Tea(1)),
            new BatchItem("L2", Tea(4)),
            new BatchItem("L3", Tea(1) with { Unit = "" }),
        ]);
        Assert.True(result.IsSuccess, result.Describe());
        Assert.Equal(["L1", "L2", "L3"], result.Value.Select(r => r.ExternalId));
        Assert.True(result.Value[0].Result.IsSuccess);
        Assert.Equal(Platform832Outcome.StaleRevision, result.Value[1].Result.Outcome);
        Assert.Equal(5, result.Value[1].Result.CurrentRevision);
        Assert.Equal([new FieldError("unit", "REQUIRED")], result.Value[2].Result.FieldErrors);

        var tooMany = await client.BatchUpsertAsync(Supplier, Enumerable.Range(1, 51).Select(i => new BatchItem($"L{i}", Tea(1))).ToList());
        Assert.Equal(Platform832Outcome.ValidationFailed, tooMany.Outcome);
        Assert.Equal([new FieldError("items", "TOO_MANY")], tooMany.FieldErrors);
    }

    [Fact]
    public async Task ADelistIsIdempotentFollowsTheRevisionRulesAndAHigherUpsertListsAgain()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        await client.UpsertProductAsync(Supplier, "L42", Tea(7));
        var delisted = await client.DelistProductAsync(Supplier, "L42", 8);
        Assert.True(delisted.Value.Delisted);
        Assert.Equal(8, delisted.Value.Revision);
        Assert.True((await client.DelistProductAsync(Supplier, "L42", 8)).Value.Delisted);
        var stale = await client.DelistProductAsync(Supplier, "L42", 7);
        Assert.Equal(Platform832Outcome.StaleRevision, stale.Outcome);
        Assert.Equal(8, stale.CurrentRevision);
        Assert.Equal(Platform832Outcome.NotFound, (await client.DelistProductAsync(Supplier, "L99", 1)).Outcome);
        Assert.False((await client.UpsertProductAsync(Supplier, "L42", Tea(9))).Value.Delisted);
    }

    [Fact]
    public async Task ProductsArePagedByExternalId()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        foreach (var id in new[] { "L3", "L1", "L2" }) await client.UpsertProductAsync(Supplier, id, Tea(1));
        var first = await client.ListProductsAsync(Supplier, null, limit: 2);
        Assert.Equal(["L1", "L2"], first.Value.Items.Select(p => p.ExternalId));
        Assert.NotNull(first.Value.NextCursor);
        Assert.Equal("PENDING", first.Value.Items[0].AuditStatus);
        var second = await client.ListProductsAsync(Supplier, first.Value.NextCursor, limit: 2);
        Assert.Equal(["L3"], second.Value.Items.Select(p => p.ExternalId));
        Assert.Null(second.Value.NextCursor);
        Assert.Equal(Platform832Outcome.NotFound, (await client.ListProductsAsync("S999", null)).Outcome);
    }

    [Fact]
    public async Task AuditDecisionsAreReadSinceATimeOldestFirstAcrossPages()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        foreach (var id in new[] { "L1", "L2", "L3" }) await client.UpsertProductAsync(Supplier, id, Tea(1));
        h.Platform.State.Decide(Supplier, "L2", approve: false, "图片不清晰");
        h.Platform.State.Decide(Supplier, "L1", approve: true, null);
        h.Platform.State.Decide(Supplier, "L3", approve: true, null);

        var first = await client.GetAuditChangesAsync(since, null, limit: 2);
        Assert.Equal(["L2", "L1"], first.Value.Items.Select(a => a.ExternalId));
        Assert.Equal("REJECTED", first.Value.Items[0].AuditStatus);
        Assert.Equal("图片不清晰", first.Value.Items[0].RejectReason);
        var second = await client.GetAuditChangesAsync(since, first.Value.NextCursor, limit: 2);
        Assert.Equal(["L3"], second.Value.Items.Select(a => a.ExternalId));
        Assert.Empty((await client.GetAuditChangesAsync(DateTimeOffset.UtcNow.AddMinutes(5), null)).Value.Items);
    }

    [Fact]
    public async Task OrdersAreReadInOrderOfChangeAndComeAgainWhenTheyChange()
    {
        await using var h = await StartAsync(o => o.BudgetUnits = [new() { CreditCode = "11430000006151219X", Name = "湖南省某某医院", UnitType = "HOSPITAL" }]);
        var client = h.Client();
        await client.UpsertProductAsync(Supplier, "L1", Tea(1));
        h.Platform.State.Decide(Supplier, "L1", approve: true, null);
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        h.Platform.State.PlaceOrders(3);

        var page = await client.GetOrdersAsync(since, null, limit: 2);
        Assert.Equal(2, page.Value.Items.Count);
        var order = page.Value.Items[0];
        Assert.Equal("PAID", order.Status);
        Assert.Equal("11430000006151219X", order.Buyer.CreditCode);
        Assert.Equal(order.Lines.Sum(l => l.AmountFen), order.TotalFen);
        Assert.Equal(TimeSpan.FromHours(8), order.UpdatedAt.Offset);
        var rest = await client.GetOrdersAsync(since, page.Value.NextCursor, limit: 2);
        Assert.Single(rest.Value.Items);
        Assert.Null(rest.Value.NextCursor);

        var last = rest.Value.Items[0].UpdatedAt;
        h.Platform.State.AdvanceOrders(1);
        var changed = await client.GetOrdersAsync(last.AddMilliseconds(1), null);
        Assert.Single(changed.Value.Items);
    }

    [Fact]
    public async Task ABadSignatureIsNotRetried()
    {
        await using var h = await StartAsync(adapter: new Dictionary<string, string?> { ["Platform832:AppSecret"] = "wrong" });
        var result = await h.Client().GetCategoriesAsync();
        Assert.Equal(Platform832Outcome.BadSignature, result.Outcome);
        Assert.Equal(401, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(Platform832Outcome.BadSignature, (await (await StartAsync(adapter: new Dictionary<string, string?> { ["Platform832:AppKey"] = "nobody" })).Client().GetCategoriesAsync()).Outcome);
    }

    [Fact]
    public async Task ATimestampOutsideTheWindowIsRetriedOnceWithAFreshTimestampSetByThePlatformsClock()
    {
        await using var h = await StartAsync(o => o.Faults.ClockSkewSeconds = 400);
        var result = await h.Client().GetCategoriesAsync();
        Assert.True(result.IsSuccess, result.Describe());
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task AReplayedNonceIsRetriedWithAFreshOne()
    {
        await using var h = await StartAsync();
        var client = h.Client();
        var nonces = new Queue<string>(["nonce-aaaaaaaaaaaaaaaa", "nonce-aaaaaaaaaaaaaaaa", "nonce-bbbbbbbbbbbbbbbb"]);
        client.NewNonce = () => nonces.Dequeue();
        Assert.Equal(1, (await client.GetCategoriesAsync()).Attempts);
        var second = await client.GetCategoriesAsync();
        Assert.True(second.IsSuccess, second.Describe());
        Assert.Equal(2, second.Attempts);

        client.NewNonce = () => "nonce-aaaaaaaaaaaaaaaa";
        var stuck = await client.GetCategoriesAsync();
        Assert.Equal(Platform832Outcome.NonceReplayed, stuck.Outcome);
        Assert.Equal(3, stuck.Attempts);
    }

    [Fact]
    public async Task ARateLimitedRequestWaitsForRetryAfterAndThenGoesThrough()
    {
        // One token, refilled in five seconds: the second call is limited and must wait Retry-After (5 s) to go through.
        await using var h = await StartAsync(o => { o.RequestsPerSecond = 0.2; o.Burst = 1; });
        var client = h.Client();
        Assert.True((await client.GetCategoriesAsync()).IsSuccess);
        var clock = Stopwatch.StartNew();
        var second = await client.GetCategoriesAsync();
        Assert.True(second.IsSuccess, second.Describe());
        Assert.Equal(2, second.Attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4.5), $"retried after {clock.Elapsed}");

        await using var impatient = await StartAsync(o => { o.RequestsPerSecond = 0.1; o.Burst = 1; }, new Dictionary<string, string?> { ["Platform832:RateLimitedAttempts"] = "1" });
        await impatient.Client().GetCategoriesAsync();
        var limited = await impatient.Client().GetCategoriesAsync();
        Assert.Equal(Platform832Outcome.RateLimited, limited.Outcome);
        Assert.Equal(429, limited.HttpStatus);
        Assert.True(limited.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ManyCallsAtOnceAreSpacedToTenASecondAndAllGoThrough()
    {
        await using var h = await StartAsync(o => { o.RequestsPerSecond = 10; o.Burst = 20; }, new Dictionary<string, string?> { ["Platform832:RequestsPerSecond"] = "10" });
        var client = h.Client();
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => client.GetCategoriesAsync()));
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Describe()));
        // The 25th call cannot start before 24 spacings of 100 ms (less a timer tick: the limiter's clock and this
        // stopwatch start a few microseconds apart, and it once measured 2.3997 s).
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.4) - TimeSpan.FromMilliseconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task PlatformFaultsAreRetriedWithBackoffAndReportedWhenTheyLast()
    {
        await using var h = await StartAsync(o => o.Faults.ErrorRate = 1);
        var result = await h.Client().GetCategoriesAsync();
        Assert.Contains(result.Outcome, new[] { Platform832Outcome.PlatformFault, Platform832Outcome.PlatformUnavailable });
        Assert.Contains(result.HttpStatus, new[] { 500, 503 });
        Assert.Equal(4, result.Attempts);

        h.Platform.Faults = new FaultSettings { ErrorRate = 0.5 };
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => h.Client().GetCategoriesAsync()));
        Assert.Contains(results, r => r.IsSuccess && r.Attempts > 1);
    }

    [Fact]
    public async Task ADroppedConnectionIsNoResponseAndTheWriteItMayHaveAppliedIsReplayedSafely()
    {
        await using var h = await StartAsync(o => o.Faults.DropAfterRate = 1);
        var client = h.Client();
        var result = await client.UpsertProductAsync(Supplier, "L42", Tea(3));
        Assert.Equal(Platform832Outcome.NoResponse, result.Outcome);
        Assert.Equal(4, result.Attempts);
        Assert.Equal(3, h.Platform.State.Product(Supplier, "L42")!.Revision);

        h.Platform.Faults = new FaultSettings { DropBeforeRate = 1 };
        Assert.Equal(Platform832Outcome.NoResponse, (await client.UpsertProductAsync(Supplier, "L42", Tea(4))).Outcome);
        Assert.Equal(3, h.Platform.State.Product(Supplier, "L42")!.Revision);

        h.Platform.Faults = new FaultSettings();
        Assert.True((await client.UpsertProductAsync(Supplier, "L42", Tea(3))).IsSuccess);
    }

    [Fact]
    public async Task AConnectionDroppedBeforeTheAnswerIsRetriedByTheClientWithAFreshNonceNeverResentAsItWas()
    {
        await using var h = await StartAsync();
        await using var proxy = new DroppingProxy(h.Simulator.BaseUrl);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new Platform832Client(http,
            Microsoft.Extensions.Options.Options.Create(new Storefront.Platform832.Platform832Options
            {
                BaseUrl = proxy.BaseUrl.ToString(), AppKey = AdapterHarness.AppKey, AppSecret = AdapterHarness.AppSecret,
                RetryBaseDelay = TimeSpan.FromMilliseconds(10), RetryMaxDelay = TimeSpan.FromMilliseconds(100),
            }),
            new RequestSpacer(TimeProvider.System, 1000), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Platform832Client>.Instance);
        // Kept-alive connections, as in production: .NET's handler resends by itself on a reused connection that drops.
        Assert.True((await client.GetCategoriesAsync()).IsSuccess);
        foreach (var call in new Func<Task<Platform832Result<object>>>[]
        {
            async () => (await client.GetCategoriesAsync()).As<object>(),
            async () => (await client.GetSupplierAsync(Supplier)).As<object>(),
            async () => (await client.UpsertProductAsync(Supplier, "L78", Tea(1))).As<object>(),
            async () => (await client.DelistProductAsync(Supplier, "L78", 2)).As<object>(),
        })
        {
            proxy.DropNextAnswer();
            var before = h.Platform.Requests;
            var result = await call();
            Assert.True(result.IsSuccess, result.Describe());
            Assert.Equal((2, 2L), (result.Attempts, h.Platform.Requests - before));
        }
        Assert.Equal(0, h.Platform.NoncesReplayed);
        Assert.True(h.Platform.State.Product(Supplier, "L78")!.Delisted);
    }

    [Fact]
    public async Task ASlowAnswerTimesOutAsNoResponse()
    {
        await using var h = await StartAsync(o => o.Faults.LatencyMs = 2000,
            new Dictionary<string, string?> { ["Platform832:RequestTimeout"] = "00:00:00.200", ["Platform832:FaultAttempts"] = "2" });
        var result = await h.Client().GetCategoriesAsync();
        Assert.Equal(Platform832Outcome.NoResponse, result.Outcome);
        Assert.Equal("timed out", result.Message);
        Assert.Equal(2, result.Attempts);
    }
}
