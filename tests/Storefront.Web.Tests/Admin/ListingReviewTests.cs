using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Admin;

public class ListingReviewOnSqlite(StorefrontFactory factory) : ListingReviewTests<StorefrontFactory>(factory);
public class ListingReviewOnPostgreSql(PostgreSqlStorefrontFactory factory) : ListingReviewTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>With the setting on, a new listing waits for an admin's review before it is on sale.</summary>
public abstract class ListingReviewTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task ANewListingWaitsForReviewIsRejectedWithAReasonThenApproved()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var settings = await admin.GetPageAsync("/admin/settings");
        var on = await settings.SubmitAsync(admin, "#settings-form", [new("RequireListingReview", "true")]);
        Assert.Equal("checked", on.Get("#RequireListingReview").GetAttribute("checked"));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Settings.RequireListingReview" && a.Details == "on")));

        var (supplierId, email) = await Factory.AddSupplierAsync();
        var id = await Factory.AddListingAsync(supplierId, published: false, title: "待审核莓茶");
        var supplier = await SignedInClientAsync(email);
        var table = await supplier.GetPageAsync("/supplier/listings");
        Assert.NotNull(table.Find("#review-required"));
        var sent = await table.SubmitAsync(supplier, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Publish']");
        Assert.Contains("已提交平台审核", sent.Text(".flash"));
        Assert.Equal("PendingReview", sent.Get($"#listings tr[data-listing-id='{id}']").GetAttribute("data-status"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync($"/listings/{id}")).StatusCode);

        var queue = await admin.GetPageAsync("/admin/listings");
        var item = $"#pending-listings li[data-listing-id='{id}']";
        Assert.Contains("待审核莓茶", queue.Text(item));
        var noReason = await queue.SubmitAsync(admin, $"{item} form.reject-form");
        Assert.Contains("请填写理由", noReason.Text($"{item} .field-error"));
        await queue.SubmitAsync(admin, $"{item} form.reject-form", [new("Reason", "请补充产地证明。")]);

        var rejected = await supplier.GetPageAsync("/supplier/listings");
        Assert.Equal("Rejected", rejected.Get($"#listings tr[data-listing-id='{id}']").GetAttribute("data-status"));
        Assert.Contains("请补充产地证明。", rejected.Text($"#listings tr[data-listing-id='{id}'] .review-note"));

        var again = await rejected.SubmitAsync(supplier, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Publish']");
        Assert.Equal("PendingReview", again.Get($"#listings tr[data-listing-id='{id}']").GetAttribute("data-status"));
        var approved = await (await admin.GetPageAsync("/admin/listings")).SubmitAsync(admin, $"{item} form.approve-form");
        Assert.Contains("已通过审核", approved.Text(".flash"));
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync($"/listings/{id}")).StatusCode);

        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectType == "Listing" && a.SubjectId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Listing.RejectReview", "Listing.ApproveReview"], actions);

        // Taken off sale and put back, a reviewed listing does not wait again.
        var listings = await supplier.GetPageAsync("/supplier/listings");
        var off = await listings.SubmitAsync(supplier, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Unpublish']");
        var back = await off.SubmitAsync(supplier, $"#listings tr[data-listing-id='{id}'] form[action*='handler=Publish']");
        Assert.Equal("Published", back.Get($"#listings tr[data-listing-id='{id}']").GetAttribute("data-status"));

        var off2 = await (await admin.GetPageAsync("/admin/settings")).SubmitAsync(admin, "#settings-form", [new("RequireListingReview", "false")]);
        Assert.Null(off2.Get("#RequireListingReview").GetAttribute("checked"));
        Assert.Equal(ListingStatus.Published, await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == id).Select(l => l.Status).SingleAsync()));
    }
}
