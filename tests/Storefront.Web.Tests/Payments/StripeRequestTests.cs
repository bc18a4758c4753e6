using Microsoft.EntityFrameworkCore;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Payments;

public class StripeRequestsOnSqlite(StripeStorefrontFactory factory) : StripeRequestTests<StripeStorefrontFactory>(factory);
public class StripeRequestsOnPostgreSql(PostgreSqlStripeStorefrontFactory factory) : StripeRequestTests<PostgreSqlStripeStorefrontFactory>(factory);

/// <summary>What Stripe receives when buyers pay by card or by invoice: amounts, currency, lines, customer, terms and idempotency keys.</summary>
public abstract class StripeRequestTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StripeStorefrontFactory
{
    [SkippableFact]
    public async Task ACardCheckoutOpensOneCnySessionWithALinePerOrderLineAtTheServersPricesAndSendsTheBuyerThere()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        var before = Factory.Stripe.CallsTo("/v1/checkout/sessions").Count;

        // The page's own prices are sent as the buyer saw them; a forged amount field has nowhere to go.
        var page = await buyer.CheckOutWithAsync("Card", [new("Amount", "1")]);

        Assert.StartsWith(Factory.Stripe.CheckoutOrigin + "/checkout/cs_test_", page.Url!.ToString());
        var call = Factory.Stripe.CallsTo("/v1/checkout/sessions").Skip(before).Single();
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
        Assert.Equal($"checkout-{request.Key:N}", call.IdempotencyKey);
        Assert.Equal("payment", call.Form["mode"]);
        Assert.Equal("cny", call.Form["currency"]);
        Assert.Equal(("cny", "520", "200"), (call.Form["line_items[0][price_data][currency]"], call.Form["line_items[0][price_data][unit_amount]"], call.Form["line_items[0][quantity]"]));
        Assert.Equal(("6460", "50"), (call.Form["line_items[1][price_data][unit_amount]"], call.Form["line_items[1][quantity]"]));
        Assert.False(call.Form.ContainsKey("line_items[2][quantity]"));
        Assert.Contains(Rice, call.Form["line_items[0][price_data][product_data][name]"]);
        Assert.Equal(request.Key.ToString("N"), call.Form["metadata[storefront_request]"]);
        Assert.Equal(request.Key.ToString("N"), call.Form["payment_intent_data[metadata][storefront_request]"]);
        Assert.Equal($"{StripeStorefrontFactory.PublicUrl}/orders/purchases/{purchaseId}/paid?request={request.Key:N}", call.Form["success_url"]);
        Assert.Equal($"{StripeStorefrontFactory.PublicUrl}/orders/purchases/{purchaseId}/payment-cancelled?request={request.Key:N}", call.Form["cancel_url"]);
        Assert.Equal(RiceFen + TeaFen, request.AmountFen);
        Assert.Equal(PaymentRequestStatus.Open, request.Status);
        Assert.Equal(2, request.Orders.Count);
    }

    [SkippableFact]
    public async Task ACheckoutRetriedAfterStripeFailedSendsTheSameIdempotencyKeyAndNeverOpensASecondSession()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        var before = Factory.Stripe.CallsTo("/v1/checkout/sessions").Count;
        Factory.Stripe.FailNext("/v1/checkout/sessions");
        var checkout = await buyer.GetPageAsync("/cart/checkout");

        var first = await checkout.SubmitAsync(buyer, "#checkout-form", [new("Input.PaymentMethod", "Card")]);
        Assert.Equal("/orders/purchases/" + await Factory.LatestPurchaseAsync(Hospital), first.Url!.AbsolutePath);
        Assert.Contains("稍后", first.Text(".flash"));
        // The same form again (a reload, a second click): the same purchase, the same request, the same key.
        var second = await checkout.SubmitAsync(buyer, "#checkout-form", [new("Input.PaymentMethod", "Card")]);
        var third = await checkout.SubmitAsync(buyer, "#checkout-form", [new("Input.PaymentMethod", "Card")]);

        var calls = Factory.Stripe.CallsTo("/v1/checkout/sessions").Skip(before).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].IdempotencyKey, calls[1].IdempotencyKey);
        Assert.Equal(second.Url, third.Url);
        Assert.StartsWith(Factory.Stripe.CheckoutOrigin, second.Url!.ToString());
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PaymentRequests.CountAsync(r => r.PurchaseId == purchaseId)));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Purchases.CountAsync(p => p.CheckoutKey == db.Purchases.Where(x => x.Id == purchaseId).Select(x => x.CheckoutKey).First())));
    }

    [SkippableFact]
    public async Task ACheckoutWhoseFirstPostFailedIsSentAgainByTheJobByteForByteAndReturnsToThePublicAddress()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        var before = Factory.Stripe.CallsTo("/v1/checkout/sessions").Count;
        Factory.Stripe.FailNext("/v1/checkout/sessions");

        var page = await buyer.CheckOutWithAsync("Card");

        // The page says the card page is being prepared and shows the button it names.
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        Assert.Equal($"/orders/purchases/{purchaseId}", page.Url!.AbsolutePath);
        Assert.Equal("支付页面暂时无法打开，系统会自动重试，请稍后再点“继续银行卡支付”。", page.Text(".flash"));
        Assert.Equal("继续银行卡支付", page.Text("#continue-card"));
        // The background job, with no request of its own, sends what the page sent.
        await Factory.WithDbAsync(db => db.PaymentOutboxMessages.Where(m => m.DoneAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
        await Factory.RunOutboxAsync();

        var calls = Factory.Stripe.CallsTo("/v1/checkout/sessions").Skip(before).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].IdempotencyKey, calls[1].IdempotencyKey);
        Assert.Equal(calls[0].Form.OrderBy(f => f.Key), calls[1].Form.OrderBy(f => f.Key));
        NoIdempotencyErrors();
        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
        Assert.Equal(PaymentRequestStatus.Open, request.Status);
        Assert.Equal($"{StripeStorefrontFactory.PublicUrl}/orders/purchases/{purchaseId}/paid?request={request.Key:N}", calls[1].Form["success_url"]);
        Assert.Equal($"{StripeStorefrontFactory.PublicUrl}/orders/purchases/{purchaseId}/payment-cancelled?request={request.Key:N}", calls[1].Form["cancel_url"]);
        Assert.Equal(request.GatewayId, Assert.Single(Factory.Stripe.SessionsFor(request.Key))["id"]!.GetValue<string>());

        // The button the page named now leads to the session the job created.
        var link = (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).Get("#purchase-requests .card-link");
        Assert.Equal(("继续银行卡支付", $"{Factory.Stripe.CheckoutOrigin}/checkout/{request.GatewayId}"), (link.TextContent.Trim(), link.GetAttribute("href")));
    }

    [SkippableFact]
    public async Task ABuyerWhoseCardPageTimesOutWaitsOnlyThePageWaitAndItsButtonOpensTheSessionStripeCreatedMeanwhile()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        var before = Factory.Stripe.CallsTo("/v1/checkout/sessions").Count;
        // Stripe creates the session, and its answer comes after nine seconds: lost to the page's time-out (three seconds here).
        Factory.Stripe.DelayNext("/v1/checkout/sessions", TimeSpan.FromSeconds(9));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = await buyer.CheckOutWithAsync("Card");
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the buyer waited {clock.Elapsed.TotalSeconds:0.0} s");
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        Assert.Equal($"/orders/purchases/{purchaseId}", page.Url!.AbsolutePath);
        Assert.Equal("支付页面暂时无法打开，系统会自动重试，请稍后再点“继续银行卡支付”。", page.Text(".flash"));

        var next = await page.SubmitAsync(buyer, ".continue-card-form");

        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
        var session = Assert.Single(Factory.Stripe.SessionsFor(request.Key));
        Assert.Equal(request.GatewayId, session["id"]!.GetValue<string>());
        Assert.Equal($"{Factory.Stripe.CheckoutOrigin}/checkout/{request.GatewayId}", next.Url!.ToString());
        var calls = Factory.Stripe.CallsTo("/v1/checkout/sessions").Skip(before).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(calls[0].Form.OrderBy(f => f.Key), calls[1].Form.OrderBy(f => f.Key));
        NoIdempotencyErrors();
    }

    [SkippableFact]
    public async Task ACardPageCreatedAfterTheBuyerWithdrewItIsExpiredAtStripeAndSoIsOneWithdrawnWhileOpen()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        Factory.Stripe.FailNext("/v1/checkout/sessions");
        var page = await buyer.CheckOutWithAsync("Card");
        var purchaseId = await Factory.LatestPurchaseAsync(Hospital);
        var pending = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);

        // Withdrawn before Stripe ever answered: closed here at once.
        await page.SubmitAsync(buyer, ".withdraw-form");
        Assert.Equal(PaymentRequestStatus.Expired, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card)).Status);
        // The job's retry creates the session after all; nobody has its address, and it is expired at Stripe.
        for (var i = 0; i < 2; i++)
        {
            await Factory.WithDbAsync(db => db.PaymentOutboxMessages.Where(m => m.DoneAtUtc == null && m.GaveUpAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, DateTime.UtcNow.AddSeconds(-1))));
            await Factory.RunOutboxAsync();
        }
        var late = Assert.Single(Factory.Stripe.SessionsFor(pending.Key));
        Assert.Equal("expired", late["status"]!.GetValue<string>());
        var expiry = Assert.Single(Factory.Stripe.CallsTo($"/v1/checkout/sessions/{late["id"]}/expire"));
        Assert.Equal($"expire-{pending.Key:N}", expiry.IdempotencyKey);
        Assert.Equal(PaymentRequestStatus.Expired, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card)).Status);

        // Paid by card again, the new page opens; withdrawn while open, it is expired at Stripe at once.
        var again = await (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).SubmitAsync(buyer, "#pay-card-form");
        var open = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card);
        Assert.NotEqual(pending.Id, open.Id);
        Assert.Equal($"{Factory.Stripe.CheckoutOrigin}/checkout/{open.GatewayId}", again.Url!.ToString());
        await (await buyer.GetPageAsync($"/orders/purchases/{purchaseId}")).SubmitAsync(buyer, ".withdraw-form");
        Assert.Equal("expired", Factory.Stripe.Object(open.GatewayId!)!["status"]!.GetValue<string>());
        Assert.Equal(PaymentRequestStatus.Expired, (await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Card)).Status);
        NoIdempotencyErrors();
    }

    private void NoIdempotencyErrors() =>
        Assert.True(Factory.Stripe.IdempotencyErrors.Count == 0, "Stripe refused: " + string.Join("; ", Factory.Stripe.IdempotencyErrors.Select(c => $"{c.Path} {c.IdempotencyKey}")));

    [SkippableFact]
    public async Task TheStandInKeepsStripesIdempotencyRules()
    {
        Client();
        using var stripe = new StripeStandIn();
        using var http = new HttpClient { BaseAddress = new Uri(stripe.BaseUrl) };
        var key = $"probe-{Guid.NewGuid():N}";
        async Task<(System.Net.HttpStatusCode, string)> PostAsync(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded") };
            request.Headers.Add("Idempotency-Key", key);
            var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await PostAsync("name=A&email=a%40example.cn");
        var same = await PostAsync("email=a%40example.cn&name=A");
        var other = await PostAsync("name=B&email=a%40example.cn");

        Assert.Equal(System.Net.HttpStatusCode.OK, first.Item1);
        Assert.Equal(first, same);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, other.Item1);
        Assert.Single(stripe.IdempotencyErrors);
        Assert.Contains("\"type\":\"idempotency_error\"", other.Item2);
    }

    [SkippableFact]
    public async Task AnInvoiceGoesToTheOrganisationsOneCustomerAsSendInvoiceDueAfterItsPaymentTermWithAnItemPerLine()
    {
        Client();
        await Factory.WithoutApprovalAsync(Hospital);
        var organisationId = await Factory.OrganisationIdAsync(Hospital);
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Id == organisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.PaymentTermDays, 45)));
        var customersBefore = Factory.Stripe.CallsTo("/v1/customers").Count;
        var invoicesBefore = Factory.Stripe.CallsTo("/v1/invoices").Count;

        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        var purchase = await buyer.CheckOutWithAsync("Invoice");
        var again = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        await again.CheckOutWithAsync("Invoice");

        var customers = Factory.Stripe.CallsTo("/v1/customers").Skip(customersBefore).ToList();
        Assert.True(customers.Count <= 1, "the organisation's customer is created once");
        var customerId = await Factory.WithDbAsync(db => db.GatewayCustomers.Where(c => c.OrganisationId == organisationId).Select(c => c.CustomerId).SingleAsync());
        Assert.StartsWith("cus_", customerId);
        var invoices = Factory.Stripe.CallsTo("/v1/invoices").Skip(invoicesBefore).ToList();
        Assert.Equal(2, invoices.Count);
        Assert.All(invoices, i =>
        {
            Assert.Equal(customerId, i.Form["customer"]);
            Assert.Equal("send_invoice", i.Form["collection_method"]);
            Assert.Equal("45", i.Form["days_until_due"]);
            Assert.Equal("cny", i.Form["currency"]);
        });
        var purchaseId = PurchaseIdOf(purchase);
        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice);
        Assert.Equal($"invoice-{request.Key:N}", invoices[0].IdempotencyKey);
        var items = Factory.Stripe.CallsTo("/v1/invoiceitems").Where(c => c.Form.GetValueOrDefault("invoice") == request.GatewayId).ToList();
        Assert.Equal([RiceFen.ToString(), TeaFen.ToString()], items.Select(i => i.Form["amount"]));
        Assert.Equal([$"invoice-{request.Key:N}-line-1", $"invoice-{request.Key:N}-line-2"], items.Select(i => i.IdempotencyKey!));
        Assert.Single(Factory.Stripe.CallsTo($"/v1/invoices/{request.GatewayId}/finalize"));
        Assert.Single(Factory.Stripe.CallsTo($"/v1/invoices/{request.GatewayId}/send"));

        var page = await buyer.GetPageAsync($"/orders/purchases/{purchaseId}");
        Assert.EndsWith($"/invoice/{request.GatewayId}", page.Get("#purchase-requests .invoice-link").GetAttribute("href"));
        Assert.EndsWith($"/invoice/{request.GatewayId}.pdf", page.Get("#purchase-requests .invoice-pdf").GetAttribute("href"));
        var order = await buyer.GetPageAsync($"/orders/{(await Factory.OrdersOfAsync(purchaseId))[0]}");
        Assert.Equal("已出账单，待付款", order.Text("#payment-state"));
        Assert.NotNull(order.Find("#order-payment .invoice-pdf"));
        // An order an open invoice covers is not cancelled behind its back.
        var cancelled = await order.SubmitAsync(buyer, "#cancel-form", [new("CancelReason", "不要了")]);
        Assert.Contains("撤回", cancelled.Text(".form-errors"));
    }

    [SkippableFact]
    public async Task AnOrderApprovedLaterIsInvoicedInTheApprovalsTransactionAndSentByTheOutbox()
    {
        Client();
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, School, tea: false);
        var purchase = await buyer.CheckOutWithAsync("Invoice");
        var purchaseId = PurchaseIdOf(purchase);
        var orderId = (await Factory.OrdersOfAsync(purchaseId)).Single();
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PaymentRequests.CountAsync(r => r.PurchaseId == purchaseId)));

        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));
        await approver.DecideAsync(orderId, "Approve");
        var request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice);
        Assert.Equal([orderId], request.Orders.Select(o => o.OrderId));
        Assert.Equal(RiceFen, request.AmountFen);

        await Factory.RunOutboxAsync();
        request = await Factory.RequestOfAsync(purchaseId, PaymentRequestKind.Invoice);
        Assert.True(request.Status == PaymentRequestStatus.Open, await Factory.WithDbAsync(db => db.PaymentOutboxMessages.Where(m => m.PaymentRequestId == request.Id).Select(m => m.LastError).FirstAsync()));
        Assert.Equal(PaymentRequestStatus.Open, request.Status);
        Assert.StartsWith("in_", request.GatewayId);
        Assert.Contains(await Factory.WithDbAsync(db => db.OrderEvents.Where(e => e.OrderId == orderId).Select(e => e.Kind).ToListAsync()), k => k == OrderEventKind.InvoiceRequested);
    }

    [SkippableFact]
    public async Task WithStripeTheContentSecurityPolicyLetsFormsRedirectToCheckoutAndNowhereElse()
    {
        var response = await Client().GetAsync("/");
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"form-action 'self' {Factory.Stripe.CheckoutOrigin};", policy);
    }
}
