using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Web.Demo;
using Storefront.Web.Security;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Admin;

public class AdminAuditOnSqlite(StorefrontFactory factory) : AdminAuditTests<StorefrontFactory>(factory);
public class AdminAuditOnPostgreSql(PostgreSqlStorefrontFactory factory) : AdminAuditTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Every admin POST goes through one audit filter: a refused or invalid action records nothing, a successful one exactly
/// one entry, written in the transaction of its change. The handlers are found by reflection, so a new one cannot be missed.
/// </summary>
public abstract partial class AdminAuditTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private sealed record Handler(string Page, string Template, string Name, MethodInfo Method);

    private async Task<IReadOnlyList<Handler>> AdminPostHandlersAsync()
    {
        var descriptors = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<PageActionDescriptor>().Where(d => d.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)).ToList();
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<Handler>();
        foreach (var descriptor in descriptors)
        {
            var page = await loader.LoadAsync(descriptor, EndpointMetadataCollection.Empty);
            Assert.True(page.FilterDescriptors.Any(f => f.Filter is AdminAuditFilter), $"{descriptor.ViewEnginePath} is not audited");
            handlers.AddRange(page.HandlerMethods.Where(h => h.HttpMethod == "Post")
                .Select(h => new Handler(descriptor.ViewEnginePath, descriptor.AttributeRouteInfo!.Template!, h.Name ?? "", h.MethodInfo)));
        }
        return handlers;
    }

    private Task<int> EntriesAsync() => Factory.WithDbAsync(db => db.AuditEntries.CountAsync());

    [SkippableFact]
    public async Task EveryPostHandlerOfTheAdminPagesFoundByReflectionGoesThroughTheAuditFilter()
    {
        Client();
        var covered = (await AdminPostHandlersAsync()).Select(h => h.Method).ToHashSet();

        var declared = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && t.Namespace?.StartsWith("Storefront.Web.Pages.Admin", StringComparison.Ordinal) == true)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
            .ToList();

        Assert.True(declared.Count >= 30, $"only {declared.Count} admin POST handlers found");
        Assert.All(declared, m => Assert.True(covered.Contains(m), $"{m.DeclaringType!.Name}.{m.Name} is not behind the audit filter"));
    }

    [SkippableFact]
    public async Task EveryAdminPostOnASubjectThatDoesNotExistOrWithNothingFilledInRecordsNothing()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var token = (await admin.GetPageAsync("/admin/settings")).Get("input[name=__RequestVerificationToken]").GetAttribute("value")!;
        // These act on the whole platform and need no input (an empty deadline removes it; accepting every suggested 832
        // category mapping at once): pressing them is the action. (Reconciling is one too, but with no 832 platform
        // configured here it is refused, so it records nothing.)
        string[] withoutInput = ["/Admin/Sync/Index:RetryParked", "/Admin/Platform832Orders/Index:Rematch", "/Admin/Quotas/Reconciliation:", "/Admin/Quotas/Filings:Deadline", "/Admin/Sync/Categories:AcceptAll"];
        var recorded = new List<string>();
        foreach (var handler in await AdminPostHandlersAsync())
        {
            var path = "/" + RouteParameter().Replace(handler.Template, "999999");
            var before = await EntriesAsync();
            var response = await admin.PostAsync($"{path}?handler={handler.Name}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.True((int)response.StatusCode < 500, $"{handler.Page}:{handler.Name} answered {(int)response.StatusCode}");
            if (await EntriesAsync() != before) recorded.Add($"{handler.Page}:{handler.Name}");
        }
        Assert.Equal(withoutInput.Order(), recorded.Where(withoutInput.Contains).Order());
        Assert.Empty(recorded.Except(withoutInput));
    }

    [SkippableFact]
    public async Task ARefusedRefundRecordsNothingAndARefundMadeRecordsOneEntryWithTheRefund()
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital, tea: false);
        var purchaseId = PurchaseIdOf(await buyer.CheckOutAsync());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var before = await EntriesAsync();
        await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        Assert.Equal(before + 1, await EntriesAsync());
        var orderId = (await Factory.OrdersOfAsync(purchaseId)).Single();
        var page = await admin.GetPageAsync($"/admin/orders/{orderId}");

        var tooMuch = await page.SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "1040.01"), new("Refund.Reason", "破损")]);
        var noReason = await page.SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "100"), new("Refund.Reason", " ")]);
        Assert.NotEmpty(tooMuch.Errors);
        Assert.NotEmpty(noReason.Errors);
        Assert.Equal(before + 1, await EntriesAsync());

        await page.SubmitAsync(admin, "#refund-form", [new("Refund.Amount", "100"), new("Refund.Reason", "部分破损")]);

        var entries = await Factory.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(before + 1).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(("Payment.Refund", "Order", orderId.ToString(), "100 部分破损"), (entry.Action, entry.SubjectType, entry.SubjectId, entry.Details));
        var refund = await Factory.WithDbAsync(db => db.Refunds.SingleAsync(r => r.OrderId == orderId));
        Assert.Equal(10_000, refund.AmountFen);
    }

    [SkippableFact]
    public async Task AnActionThatChangesNothingThroughTheUnitOfWorkStillRecordsItsOneEntry()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var supplierId = await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.BankAccountProtected != null).Select(s => s.Id).FirstAsync());
        var before = await EntriesAsync();

        await (await admin.GetPageAsync($"/admin/suppliers/{supplierId}")).SubmitAsync(admin, "#reveal-form");

        var entry = Assert.Single(await Factory.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Id).Skip(before).ToListAsync()));
        Assert.Equal(("Supplier.RevealBankAccount", supplierId.ToString()), (entry.Action, entry.SubjectId));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
