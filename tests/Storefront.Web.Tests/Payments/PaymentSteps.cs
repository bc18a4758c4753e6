using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Web.Demo;
using Storefront.Web.Payments;
using Storefront.Web.Tests.Ordering;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Payments;

/// <summary>Steps of the payment tests: purchases placed through the real checkout, and the data behind them.</summary>
public static class PaymentSteps
{
    /// <summary>Rice 200 kg (¥1,040.00, 洞口县) and tea 50 boxes (¥3,230.00, 永顺县): two orders of two suppliers.</summary>
    public const long RiceFen = 104_000;
    public const long TeaFen = 323_000;

    /// <summary>The organisation's orders go straight on to payment (no approver), so that checkout makes them due at once.</summary>
    public static Task WithoutApprovalAsync(this StorefrontFactory factory, string organisation) =>
        factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == organisation)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, (long?)null)));

    /// <summary>A new buyer of the organisation with rice and tea in the cart.</summary>
    public static async Task<HttpClient> BuyerWithCartAsync(this StorefrontFactory factory, Func<string, Task<HttpClient>> signIn, string organisation, bool tea = true)
    {
        var buyer = await signIn(await factory.NewMemberAsync(organisation, OrganisationRoles.Buyer));
        var lines = $"L{await factory.ListingIdAsync(Rice)}, 200";
        if (tea) lines += $"\nL{await factory.ListingIdAsync(Tea)}, 50";
        await buyer.QuickOrderAsync(lines);
        return buyer;
    }

    public static async Task<HtmlPage> CheckOutWithAsync(this HttpClient buyer, string method, IEnumerable<KeyValuePair<string, string>>? more = null)
    {
        var page = await buyer.GetPageAsync("/cart/checkout");
        return await page.SubmitAsync(buyer, "#checkout-form", [new("Input.PaymentMethod", method), .. more ?? []]);
    }

    public static Task<long> LatestPurchaseAsync(this StorefrontFactory factory, string organisation) =>
        factory.WithDbAsync(db => db.Purchases.Where(p => p.Organisation.Name == organisation).OrderByDescending(p => p.Id).Select(p => p.Id).FirstAsync());

    public static Task<PaymentRequest> RequestOfAsync(this StorefrontFactory factory, long purchaseId, PaymentRequestKind kind) =>
        factory.WithDbAsync(db => db.PaymentRequests.AsNoTracking().Include(r => r.Orders).Where(r => r.PurchaseId == purchaseId && r.Kind == kind).OrderByDescending(r => r.Id).FirstAsync());

    public static Task<List<long>> OrdersOfAsync(this StorefrontFactory factory, long purchaseId) =>
        factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).OrderBy(o => o.Sequence).Select(o => o.Id).ToListAsync());

    /// <summary>Runs the payment outbox as the background job would.</summary>
    public static async Task RunOutboxAsync(this StorefrontFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<PaymentOutbox>().SendDueAsync(100, CancellationToken.None);
    }

    public static Task<StorefrontDbContext> DbAsync(this IServiceScope scope) => Task.FromResult(scope.ServiceProvider.GetRequiredService<StorefrontDbContext>());


    public static string WebhookPath => StripeWebhook.Path;
}
