using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Storefront.Core.Money;
using Storefront.Core.Payments;
using Storefront.Web.Demo;

namespace Storefront.Browser.Tests.Payments;

/// <summary>
/// The shop with Stripe configured against the stand-in, on its own Kestrel port beside the browser fixture's offline
/// shop. The stand-in serves Checkout's pages itself, so the browser goes there and back as it would to Stripe.
/// </summary>
public sealed class StripeShop : IAsyncLifetime
{
    private readonly StripeKestrelFactory _factory = new();

    public StorefrontFactory Factory => _factory;
    public StripeStandIn Stripe => _factory.Stripe;
    public string BaseUrl { get; private set; } = "";

    public Task InitializeAsync()
    {
        if (!File.Exists(BrowserFixture.ExecutablePath)) return Task.CompletedTask;
        // Stripe's return URLs are built on the shop's public address, so the port is chosen before the shop starts.
        var port = FreePort();
        BaseUrl = $"http://localhost:{port}";
        _factory.PublicUrl = BaseUrl;
        _factory.UseKestrel(port);
        _factory.StartServer();
        return Task.CompletedTask;
    }

    /// <summary>Posts a Stripe-shaped event, signed with the test secret, to the shop's webhook endpoint.</summary>
    public async Task DeliverAsync(string type, System.Text.Json.Nodes.JsonObject data)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var response = await client.PostSignedAsync(StripeWebhooks.Event(type, data));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class StripeKestrelFactory : StorefrontFactory
    {
        public StripeStandIn Stripe { get; } = new();
        public string PublicUrl { get; set; } = "";

        // Background jobs off: the pages send the outbox themselves, and the tests deliver the webhooks.
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
            [.. Stripe.Settings, new("Jobs:Enabled", "false"), new("Storefront:PublicUrl", PublicUrl), new("AllowedHosts", TestDatabases.LoopbackHosts)];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Security:SecureCookies", "SameAsRequest");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) Stripe.Dispose();
        }
    }
}

/// <summary>
/// Paying through Stripe as the buyers do it: a hospital asks for an invoice at checkout and its order shows paid once
/// Stripe's signed invoice.paid arrives; a school pays by card on (the stand-in's) Stripe Checkout, comes back to the
/// shop, and its order shows paid once checkout.session.completed arrives.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PaymentJourneyTests(BrowserFixture browser, StripeShop shop) : IClassFixture<StripeShop>
{
    private const string Tea = "永顺莓茶 250g";

    /// <summary>The organisation's orders go straight on to payment, so that checkout makes them due at once.</summary>
    private Task WithoutApprovalAsync(string organisation) =>
        shop.Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == organisation)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null)));

    /// <summary>Ten boxes of tea through quick order and checkout, paid the way chosen; the purchase's id.</summary>
    private async Task<long> CheckOutTeaAsync(IPage buyer, string paymentChoice)
    {
        var tea = await shop.Factory.WithDbAsync(db => db.Listings.Where(l => l.Title == Tea).Select(l => l.Id).SingleAsync());
        await buyer.GotoAsync("/cart/quick-order");
        await buyer.FillAsync("#Lines", $"L{tea}, 10");
        await buyer.ClickAsync("#quick-order-submit");
        await buyer.ClickAsync("#go-to-cart");
        await buyer.ClickAsync("#checkout-link");
        await buyer.CheckAsync(paymentChoice);
        await buyer.ClickAsync("#place-order");
        try
        {
            // Committed, not loaded: twice in CI the stand-in's page was shown at this address while the wait for its
            // load event ran out; what follows waits for the page's own content.
            await buyer.WaitForURLAsync(new Regex("/(orders/purchases|checkout)/"), new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException)
        {
            // Say what the page said instead.
            Assert.Fail($"Checkout stayed at {buyer.Url}: {await buyer.InnerTextAsync("main")}");
        }
        return await shop.Factory.WithDbAsync(db => db.Purchases.OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());
    }

    private Task<PaymentRequest> RequestAsync(long purchaseId) =>
        shop.Factory.WithDbAsync(db => db.PaymentRequests.AsNoTracking().Where(r => r.PurchaseId == purchaseId).OrderByDescending(r => r.Id).FirstAsync());

    private Task<long> OrderOfAsync(long purchaseId) =>
        shop.Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).Select(o => o.Id).SingleAsync());

    [SkippableFact]
    public async Task AHospitalPaysByInvoiceAndItsOrderShowsPaidWhenStripeSaysTheInvoiceIsPaid()
    {
        await WithoutApprovalAsync("长沙市天心区人民医院");
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("hospital", "buyer"), baseUrl: shop.BaseUrl);
        var purchaseId = await CheckOutTeaAsync(buyer, "#pay-by-invoice");

        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex($"/orders/purchases/{purchaseId}$"));
        var request = await RequestAsync(purchaseId);
        Assert.Equal(PaymentRequestKind.Invoice, request.Kind);
        await Assertions.Expect(buyer.Locator($"#purchase-requests li[data-request='{request.Id}'] .invoice-link"))
            .ToHaveAttributeAsync("href", $"{shop.Stripe.BaseUrl}/invoice/{request.GatewayId}");
        var orderId = await OrderOfAsync(purchaseId);
        await buyer.GotoAsync($"/orders/{orderId}");
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("已出账单，待付款");
        await Assertions.Expect(buyer.Locator("#order-payment .invoice-pdf")).ToBeVisibleAsync();

        // The hospital pays the invoice by bank transfer; Stripe tells the shop.
        await shop.DeliverAsync("invoice.paid", StripeWebhooks.Invoice(request.GatewayId!, request.Key, request.AmountFen, "paid"));
        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("已付款");
        await Assertions.Expect(buyer.Locator("#order-status")).ToHaveTextAsync("已付款");
        await Assertions.Expect(buyer.Locator("#payment-method")).ToContainTextAsync(request.GatewayId!);
    }

    [SkippableFact]
    public async Task ASchoolPaysByCardOnStripeCheckoutComesBackAndItsOrderShowsPaidWhenTheSessionCompletes()
    {
        await WithoutApprovalAsync("长沙市岳麓区实验中学");
        var buyer = await browser.SignedInAsync(DemoData.MemberEmail("school", "buyer"), baseUrl: shop.BaseUrl);
        var violations = new List<string>();
        buyer.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
        };
        var purchaseId = await CheckOutTeaAsync(buyer, "#pay-by-card");

        // Checkout's page (the stand-in's) asks for the server's own total, in fen and CNY.
        var request = await RequestAsync(purchaseId);
        Assert.Equal(PaymentRequestKind.Card, request.Kind);
        await Assertions.Expect(buyer).ToHaveURLAsync($"{shop.Stripe.BaseUrl}/checkout/{request.GatewayId}");
        var orderId = await OrderOfAsync(purchaseId);
        var totalFen = await shop.Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.TotalFen).SingleAsync());
        Assert.Equal(totalFen, request.AmountFen);
        await Assertions.Expect(buyer.Locator("h1")).ToHaveTextAsync($"Pay {totalFen} cny");

        await buyer.ClickAsync("#stand-in-pay");
        await Assertions.Expect(buyer).ToHaveURLAsync(new Regex($"^{Regex.Escape(shop.BaseUrl)}/orders/purchases/{purchaseId}/paid"));
        await Assertions.Expect(buyer.Locator("#paid-state")).ToContainTextAsync("Stripe 确认到账后");
        await buyer.GotoAsync($"/orders/{orderId}");
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("待付款");

        await shop.DeliverAsync("checkout.session.completed",
            StripeWebhooks.Session(request.GatewayId!, request.Key, request.AmountFen, $"pi_journey_{Guid.NewGuid():N}"));
        await buyer.GoBackAsync();
        await buyer.ReloadAsync();
        await Assertions.Expect(buyer.Locator("#paid-state")).ToContainTextAsync($"已收到 {Fen.Format(totalFen)}");
        await buyer.ClickAsync("#back-to-purchase");
        await buyer.ClickAsync($"#purchase-orders a[href='/orders/{orderId}']");
        await Assertions.Expect(buyer.Locator("#payment-state")).ToHaveTextAsync("已付款");
        await Assertions.Expect(buyer.Locator("#order-status")).ToHaveTextAsync("已付款");
        Assert.Empty(violations);
    }
}
