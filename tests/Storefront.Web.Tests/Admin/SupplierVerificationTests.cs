using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Admin;

public class SupplierVerificationOnSqlite(StorefrontFactory factory) : SupplierVerificationTests<StorefrontFactory>(factory);
public class SupplierVerificationOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierVerificationTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>The admins' verification queue and decisions, each audited.</summary>
public abstract class SupplierVerificationTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task TheQueueShowsPendingSuppliersWithTheirDocumentsAndAnApprovalIsAudited()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var queue = await admin.GetPageAsync((await admin.GetPageAsync("/")).Get("#nav-admin-suppliers").GetAttribute("href")!);
        var row = queue.All("#suppliers tbody tr").Single(r => r.TextContent.Contains("靖州县木洞杨梅专业合作社"));
        Assert.Equal("page", queue.Get("#tab-Pending").GetAttribute("aria-current"));

        var detail = await admin.GetPageAsync(row.QuerySelector("a.supplier-link")!.GetAttribute("href")!);
        Assert.Contains("**** ", detail.Text("#bank-account-masked"));
        var document = detail.Get("#documents a.document-link");
        Assert.EndsWith(".pdf", document.TextContent.Trim());
        var id = int.Parse(detail.Url!.AbsolutePath.Split('/')[^1]);

        var approved = await detail.SubmitAsync(admin, "#approve-form");
        Assert.Equal("Verified", approved.Get("#verification-status").GetAttribute("data-status"));
        Assert.Contains("已通过", approved.Text(".flash"));
        Assert.Equal("Supplier.Approve", approved.Get("#history .history-action").GetAttribute("data-action"));

        var supplier = await Factory.WithDbAsync(db => db.Suppliers.SingleAsync(s => s.Id == id));
        Assert.Equal(VerificationStatus.Verified, supplier.Status);
        var entry = await Factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.SubjectType == "Supplier" && a.SubjectId == id.ToString()));
        Assert.Equal(("Supplier.Approve", DemoData.AdminEmail), (entry.Action, entry.ActorName));

        // The stale page's buttons no longer apply: a second approval changes nothing and says why.
        var again = await detail.SubmitAsync(admin, "#approve-form");
        Assert.Contains("不能执行此操作", string.Join(" ", again.Errors));
    }

    [SkippableFact]
    public async Task ARejectionNeedsAReasonShownBesideTheField()
    {
        var (id, _) = await Factory.AddSupplierAsync(VerificationStatus.Pending);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var detail = await admin.GetPageAsync($"/admin/suppliers/{id}");
        var refused = await detail.SubmitAsync(admin, "#reject-form", [new("Reason", "  ")]);
        Assert.Contains("请填写理由。", refused.Text("#reject-form .field-error"));
        Assert.Equal(VerificationStatus.Pending, await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }

    [SkippableFact]
    public async Task SuspendingTakesTheListingsOutOfTheCatalogAtOnceAndReinstatingBringsThemBack()
    {
        var (id, email) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(id, title: "暂停测试莓茶");
        var visitor = Client();
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/listings/{listingId}")).StatusCode);
        var revision = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.Revision).SingleAsync());

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var detail = await admin.GetPageAsync($"/admin/suppliers/{id}");
        var suspended = await detail.SubmitAsync(admin, "#suspend-form", [new("Reason", "抽检农药残留超标")]);
        Assert.Contains("抽检农药残留超标", suspended.Text("#suspension-reason"));

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/listings/{listingId}")).StatusCode);
        Assert.DoesNotContain("暂停测试莓茶", (await visitor.GetPageAsync("/catalog?q=" + Uri.EscapeDataString("暂停测试"))).Body);
        // The 832 platform must delist it too: the revision went up, with a sync job.
        Assert.Equal(revision + 1, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == listingId).Select(l => l.Revision).SingleAsync()));

        var supplier = await SignedInClientAsync(email);
        var portal = await supplier.GetPageAsync("/supplier");
        Assert.Contains("抽检农药残留超标", portal.Text("#suspension-reason"));
        var publish = await supplier.GetPageAsync("/supplier/listings");
        Assert.NotNull(publish.Find("#may-not-sell"));

        var reinstated = await suspended.SubmitAsync(admin, "#reinstate-form");
        Assert.Equal("Verified", reinstated.Get("#verification-status").GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/listings/{listingId}")).StatusCode);
        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectType == "Supplier" && a.SubjectId == id.ToString()).OrderBy(a => a.Id).Select(a => new { a.Action, a.Reason }).ToListAsync());
        Assert.Equal([("Supplier.Suspend", "抽检农药残留超标"), ("Supplier.Reinstate", (string?)null)], actions.Select(a => (a.Action, a.Reason)));
    }

    [SkippableFact]
    public async Task The832SupplierCodeIsRecordedOnceAndNoOtherSupplierMayHoldIt()
    {
        var (first, _) = await Factory.AddSupplierAsync();
        var (second, _) = await Factory.AddSupplierAsync();
        var code = $"S{Random.Shared.Next(100000, 999999)}";
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var saved = await (await admin.GetPageAsync($"/admin/suppliers/{first}")).SubmitAsync(admin, "#code-form", [new("Platform832Code", code)]);
        Assert.Equal(code, saved.Get("#Platform832Code").GetAttribute("value"));

        var taken = await (await admin.GetPageAsync($"/admin/suppliers/{second}")).SubmitAsync(admin, "#code-form", [new("Platform832Code", code)]);
        Assert.Contains("已记录在另一家供应商名下", taken.Text("[data-valmsg-for='Platform832Code']"));
        var malformed = await (await admin.GetPageAsync($"/admin/suppliers/{second}")).SubmitAsync(admin, "#code-form", [new("Platform832Code", "S 1")]);
        Assert.Contains("只能包含字母、数字", malformed.Text("[data-valmsg-for='Platform832Code']"));
        Assert.Null(await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == second).Select(s => s.Platform832Code).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Supplier.Platform832Code" && a.SubjectId == first.ToString())));
    }

    [SkippableFact]
    public async Task SeeingTheFullBankAccountIsAudited()
    {
        var id = await Factory.SupplierIdAsync("永顺县松柏莓茶专业合作社");
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var detail = await admin.GetPageAsync($"/admin/suppliers/{id}");
        Assert.DoesNotMatch("\\d{12,}", detail.Text("#supplier-profile"));
        var revealed = await detail.SubmitAsync(admin, "#reveal-form");
        Assert.Matches("^\\d{19}$", revealed.Text("#bank-account-revealed"));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Supplier.RevealBankAccount" && a.SubjectId == id.ToString())));
    }

    [SkippableFact]
    public async Task OnlyAdminsDecide()
    {
        var (id, email) = await Factory.AddSupplierAsync(VerificationStatus.Pending);
        var supplier = await SignedInClientAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetAsync("/admin/suppliers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.PostFormAsync($"/admin/suppliers/{id}?handler=Approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetAsync("/admin/listings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.PostFormAsync("/admin/settings", [new("RequireListingReview", "true")])).StatusCode);
        Assert.Equal(VerificationStatus.Pending, await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
        Assert.False(await Factory.WithDbAsync(db => db.PlatformSettings.AnyAsync(s => s.Key == Core.Settings.PlatformSettings.RequireListingReviewKey)));
    }
}
