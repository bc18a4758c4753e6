using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class OrderingAuthorizationOnSqlite(StorefrontFactory factory) : OrderingAuthorizationTests<StorefrontFactory>(factory);
public class OrderingAuthorizationOnPostgreSql(PostgreSqlStorefrontFactory factory) : OrderingAuthorizationTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Every ordering handler refuses whoever may not use it: another organisation's buyer or approver, a buyer who is not
/// an approver, another supplier, a person without the role, and anonymous visitors. What is not theirs is not found.
/// </summary>
public abstract class OrderingAuthorizationTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>A school order of rice, shipped once and waiting for receipt, and a school order waiting for approval.</summary>
    private async Task<(long Shipped, long ShipmentId, long Pending, long PurchaseId)> SchoolOrdersAsync()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Rice)}, 200");
        var shippedPurchase = await buyer.CheckOutAsync();
        var shipped = OrderIdsOf(shippedPurchase).Single();
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 20");
        var pendingPurchase = await buyer.CheckOutAsync();
        var pending = OrderIdsOf(pendingPurchase).Single();

        using var scope = Factory.Services.CreateScope();
        var workflow = scope.ServiceProvider.GetRequiredService<OrderWorkflow>();
        var approverId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoData.MemberEmail("school", "approver")).Select(u => u.Id).SingleAsync());
        var who = new OrderWorkflow.Actor(approverId, "approver");
        Assert.True((await workflow.ApproveAsync((await workflow.FindAsync(shipped))!, who, null)).Succeeded);
        var paid = await scope.ServiceProvider.GetRequiredService<PaymentConfirmation>()
            .ConfirmAsync(new(PurchaseIdOf(shippedPurchase), PaymentMethod.BankTransfer, 104_000, DateTime.UtcNow, $"T-{Guid.NewGuid():N}", null, "admin"));
        Assert.Equal(PaymentConfirmation.Outcome.Confirmed, paid.Outcome);
        Assert.True((await workflow.AcceptAsync((await workflow.FindAsync(shipped))!, who)).Succeeded);
        var order = (await workflow.FindAsync(shipped))!;
        Assert.True((await workflow.ShipAsync(order, who, new("顺丰", "SF9", new Dictionary<long, int> { [order.Lines.Single().Id] = 200 }))).Succeeded);
        var shipmentId = await Factory.WithDbAsync(db => db.Shipments.Where(s => s.OrderId == shipped).Select(s => s.Id).SingleAsync());
        return (shipped, shipmentId, pending, PurchaseIdOf(pendingPurchase));
    }

    [SkippableFact]
    public async Task AnotherOrganisationsBuyerCanNeitherSeeNorActOnAnOrderItsPurchaseOrItsShipment()
    {
        var (shipped, shipmentId, pending, purchaseId) = await SchoolOrdersAsync();
        var hospital = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));

        foreach (var url in new[] { $"/orders/{shipped}", $"/orders/{pending}", $"/orders/purchases/{purchaseId}" })
            Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await hospital.PostWithTokenAsync($"/orders/{pending}?handler=Cancel", [new("CancelReason", "x")]));
        Assert.Equal(HttpStatusCode.NotFound, await hospital.PostWithTokenAsync($"/orders/{shipped}?handler=Receive&shipmentId={shipmentId}", []));
        Assert.Equal(HttpStatusCode.NotFound, await hospital.PostWithTokenAsync($"/orders/{shipped}?handler=Reorder", []));
        // A shipment of another order of the buyer's own organisation is not found through this order either.
        var school = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.NotFound, await school.PostWithTokenAsync($"/orders/{pending}?handler=Receive&shipmentId={shipmentId}", []));

        var state = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == shipped || o.Id == pending).OrderBy(o => o.Id).Select(o => o.Status).ToListAsync());
        Assert.Equal([OrderStatus.Shipped, OrderStatus.PendingApproval], state);
        Assert.False(await Factory.WithDbAsync(db => db.Receipts.AnyAsync(r => r.ShipmentId == shipmentId)));
    }

    [SkippableFact]
    public async Task ABuyerCannotApproveAndAnotherOrganisationsApproverCannotApprove()
    {
        var (_, _, pending, _) = await SchoolOrdersAsync();
        var purchase = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == pending).Select(o => o.PurchaseId).SingleAsync());
        var schoolBuyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await schoolBuyer.GetPageAsync("/approvals")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await schoolBuyer.PostWithTokenAsync($"/approvals?handler=Decide&id={purchase}", [new("decision", "Approve"), new("OrderIds", $"{pending}")]));

        var hospitalApprover = await SignedInClientAsync(DemoData.MemberEmail("hospital", "approver"));
        Assert.Null((await hospitalApprover.GetPageAsync("/approvals")).Find($"#approval-{pending}"));
        Assert.Equal(HttpStatusCode.NotFound, await hospitalApprover.PostWithTokenAsync($"/approvals?handler=Decide&id={purchase}", [new("decision", "Approve"), new("OrderIds", $"{pending}")]));
        Assert.Equal(HttpStatusCode.NotFound, await hospitalApprover.PostWithTokenAsync($"/approvals?handler=Decide&id={purchase}", [new("decision", "Reject"), new("OrderIds", $"{pending}"), new("Comment", "x")]));

        Assert.Equal(OrderStatus.PendingApproval, await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == pending).Select(o => o.Status).SingleAsync()));
    }

    [SkippableFact]
    public async Task AnotherSupplierCanNeitherSeeNorActOnAnOrderAndABuyerHasNoSupplierPages()
    {
        var (shipped, _, pending, _) = await SchoolOrdersAsync();
        var fenghuang = await SignedInClientAsync(DemoData.SupplierEmail("fenghuang"));
        Assert.Equal(HttpStatusCode.NotFound, (await fenghuang.GetAsync($"/supplier/orders/{shipped}")).StatusCode);
        foreach (var handler in new[] { "Accept", "Decline", "Ship" })
            Assert.Equal(HttpStatusCode.NotFound, await fenghuang.PostWithTokenAsync($"/supplier/orders/{shipped}?handler={handler}", [new("DeclineReason", "x"), new("Carrier", "x")]));
        Assert.DoesNotContain($"/supplier/orders/{shipped}\"", (await fenghuang.GetPageAsync("/supplier/orders")).Body);

        // The supplier of an order still waiting for the buyer's approver does not see it yet.
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        Assert.Equal(HttpStatusCode.NotFound, (await yongshun.GetAsync($"/supplier/orders/{pending}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await yongshun.PostWithTokenAsync($"/supplier/orders/{pending}?handler=Accept", []));

        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        // The supplier portal sends someone of no supplier to become one; a form of it is refused.
        Assert.Equal("/supplier/join", (await buyer.GetPageAsync("/supplier/orders")).Url!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, await buyer.PostWithTokenAsync($"/supplier/orders/{shipped}?handler=Accept", []));
    }

    [SkippableFact]
    public async Task AnotherOrganisationsListAndAnotherPersonsCartAreOutOfReach()
    {
        var schoolList = await Factory.WithDbAsync(db => db.SavedLists.Where(l => l.Name == "每周食堂订单").Select(l => l.Id).SingleAsync());
        var hospital = await SignedInClientAsync(DemoData.MemberEmail("hospital", "buyer"));
        Assert.DoesNotContain("每周食堂订单", (await hospital.GetPageAsync("/cart/lists")).Body);
        Assert.Equal(HttpStatusCode.NotFound, await hospital.PostWithTokenAsync($"/cart/lists?handler=ToCart&id={schoolList}", []));
        Assert.Equal(HttpStatusCode.NotFound, await hospital.PostWithTokenAsync($"/cart/lists?handler=Delete&id={schoolList}", []));
        Assert.True(await Factory.WithDbAsync(db => db.SavedLists.AnyAsync(l => l.Id == schoolList)));

        // Carts belong to people: another person's remove or clear touches only their own cart.
        var schoolBuyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var rice = await Factory.ListingIdAsync(Rice);
        await schoolBuyer.QuickOrderAsync($"L{rice}, 100");
        var other = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        Assert.Empty((await other.GetPageAsync("/cart")).All(".cart-lines"));
        await other.PostWithTokenAsync($"/cart?handler=Update&remove={rice}", []);
        await other.PostWithTokenAsync("/cart?handler=Update&action=clear", []);
        Assert.NotNull((await schoolBuyer.GetPageAsync("/cart")).Find($"tr[data-listing='{rice}']"));

        // An approver who is not a buyer has no cart.
        var approver = await SignedInClientAsync(DemoData.MemberEmail("school", "approver"));
        foreach (var url in new[] { "/cart", "/cart/quick-order", "/cart/checkout", "/cart/lists" })
            Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetPageAsync(url)).Status);
    }

    [SkippableFact]
    public async Task OrganisationAdminPagesAreForOrgAdminsAndAdminPagesForAdmins()
    {
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        foreach (var url in new[] { "/organisation/members", "/organisation/settings", "/admin/orders", "/admin/organisations", "/admin/orders/purchases/1", "/admin/orders/1", "/admin/organisations/1" })
            Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetPageAsync(url)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await buyer.PostWithTokenAsync("/organisation/members?handler=Invite", [new("Email", "x@example.cn"), new("Roles", "Buyer")]));
        Assert.Equal(HttpStatusCode.Forbidden, await buyer.PostWithTokenAsync("/organisation/settings?handler=Save", [new("Input.Threshold", "0")]));
        Assert.Equal(HttpStatusCode.Forbidden, await buyer.PostWithTokenAsync("/admin/orders/purchases/1?handler=Record", []));

        // A supplier belongs to no organisation: it has no order or approval pages of one.
        var supplier = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        foreach (var url in new[] { "/orders", "/approvals", "/cart", "/organisation/members" })
            Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetPageAsync(url)).Status);
    }

    [SkippableTheory]
    [InlineData("/cart")]
    [InlineData("/cart/quick-order")]
    [InlineData("/cart/checkout")]
    [InlineData("/cart/lists")]
    [InlineData("/orders")]
    [InlineData("/orders/1")]
    [InlineData("/orders/purchases/1")]
    [InlineData("/approvals")]
    [InlineData("/supplier/orders")]
    [InlineData("/supplier/orders/1")]
    [InlineData("/organisation")]
    [InlineData("/organisation/register")]
    [InlineData("/organisation/members")]
    [InlineData("/organisation/settings")]
    [InlineData("/notifications")]
    [InlineData("/admin/orders")]
    [InlineData("/admin/organisations")]
    public async Task AnonymousVisitorsAreSentToSignIn(string url)
    {
        Factory.RequireDatabase();
        var response = await Factory.CreateClientWithoutRedirects().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [SkippableFact]
    public async Task APersonOpensOnlyTheirOwnNotifications()
    {
        var theirs = await Factory.WithDbAsync(db => db.Notifications.Where(n => db.Users.Any(u => u.Id == n.UserId && u.Email == DemoData.MemberEmail("hospital", "approver"))).Select(n => n.Id).FirstAsync());
        var other = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.NotFound, await other.PostWithTokenAsync($"/notifications?handler=Open&id={theirs}", []));
        Assert.Null(await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Id == theirs).Select(n => n.ReadAtUtc).SingleAsync()));
    }
}
