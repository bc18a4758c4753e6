using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Ordering;

/// <summary>What people do in the ordering pages, step by step through the real forms, and the data the tests arrange.</summary>
public static partial class OrderingSteps
{
    public const string School = "长沙市岳麓区实验中学";
    public const string Hospital = "长沙市天心区人民医院";
    public const string Rice = "洞口香米 散装 按公斤";
    public const string Tea = "永顺莓茶 250g";

    public static Task<int> ListingIdAsync(this StorefrontFactory factory, string title) =>
        factory.WithDbAsync(db => db.Listings.Where(l => l.Title == title).Select(l => l.Id).SingleAsync());

    public static Task<int> OrganisationIdAsync(this StorefrontFactory factory, string name) =>
        factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static int _organisations;

    /// <summary>A new verified school in Changsha's Furong district with the person as its buyer; returns its id.</summary>
    public static Task<int> NewOrganisationAsync(this StorefrontFactory factory, string name, string memberEmail) => factory.WithDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == memberEmail).Select(u => u.Id).SingleAsync();
        var organisation = new Core.Organisations.Organisation
        {
            Name = name, Type = OrganisationType.School, RegionCode = "430104", Status = VerificationStatus.Verified, CreatedAtUtc = DateTime.UtcNow,
            CreditCode = UnifiedSocialCreditCode.Complete($"12430104MB{Interlocked.Increment(ref _organisations) + 5_000_000:D7}"),
        };
        organisation.Members.Add(new OrganisationMember { UserId = userId, Roles = OrganisationRoles.Buyer, JoinedAtUtc = DateTime.UtcNow });
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    });

    /// <summary>A new person in the organisation with the roles given (so that tests do not share a cart); returns their email.</summary>
    public static async Task<string> NewMemberAsync(this StorefrontFactory factory, string organisation, OrganisationRoles roles)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.StorefrontDbContext>();
        var email = $"member-{Guid.NewGuid():N}@example.cn";
        var user = new StorefrontUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"测试{roles}" };
        var created = await users.CreateAsync(user, DemoData.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var organisationId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync();
        db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisationId, UserId = user.Id, Roles = roles, JoinedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return email;
    }

    public static async Task<HtmlPage> QuickOrderAsync(this HttpClient client, string lines)
    {
        var page = await client.GetPageAsync("/cart/quick-order");
        return await page.SubmitAsync(client, "#quick-order-form", [new("Lines", lines)]);
    }

    /// <summary>Opens checkout and places the order with the page's defaults, changed by the fields given.</summary>
    public static async Task<HtmlPage> CheckOutAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var page = await client.GetPageAsync("/cart/checkout");
        return await page.SubmitAsync(client, "#checkout-form", fields);
    }

    public static long PurchaseIdOf(HtmlPage page)
    {
        var match = PurchasePath().Match(page.Url!.AbsolutePath);
        Assert.True(match.Success, $"not on a purchase page: {page.Url} {string.Join("; ", page.Errors)}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static IReadOnlyList<long> OrderIdsOf(HtmlPage purchase) =>
        purchase.All("#purchase-orders tr[data-order]").Select(r => long.Parse(r.GetAttribute("data-order")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    /// <summary>Decides on one order alone: its purchase's form in the queue, with only that order chosen.</summary>
    public static async Task<HtmlPage> DecideAsync(this HttpClient approver, long orderId, string decision, string? comment = null)
    {
        var queue = await approver.GetPageAsync("/approvals");
        var form = queue.Get($"#approval-{orderId}").Closest("form")!;
        List<KeyValuePair<string, string>> fields = [new("OrderIds", orderId.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (comment is not null) fields.Add(new("Comment", comment));
        return await queue.SubmitAsync(approver, $"#{form.Id}", fields, submitName: "decision", submitValue: decision);
    }

    /// <summary>Decides on a purchase as the queue offers it: every order chosen, unless <paramref name="orderIds"/> names some.</summary>
    public static async Task<HtmlPage> DecidePurchaseAsync(this HttpClient approver, long purchaseId, string decision, string? comment = null, IReadOnlyList<long>? orderIds = null)
    {
        var queue = await approver.GetPageAsync("/approvals");
        var form = $"#decide-purchase-{purchaseId}";
        if (orderIds is not null)
            foreach (var box in queue.All($"{form} input[name=OrderIds]"))
                ((AngleSharp.Html.Dom.IHtmlInputElement)box).IsChecked = orderIds.Contains(long.Parse(box.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));
        return await queue.SubmitAsync(approver, form, comment is null ? null : [new("Comment", comment)], submitName: "decision", submitValue: decision);
    }

    /// <summary>The order's id by its supplier, among a purchase's orders.</summary>
    public static Task<long> OrderOfAsync(this StorefrontFactory factory, long purchaseId, string supplierKey) =>
        factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId
                && db.SupplierMembers.Any(m => m.SupplierId == o.SupplierId && m.User.Email == DemoData.SupplierEmail(supplierKey)))
            .Select(o => o.Id).SingleAsync());

    [GeneratedRegex(@"^/orders/purchases/(\d+)$")]
    private static partial Regex PurchasePath();
}

public static class TokenPosts
{
    /// <summary>
    /// Posts to any handler with a valid antiforgery token (taken from the sign-out form every signed-in page has),
    /// as someone would who crafts a request by hand; answers the status without following redirects to a page.
    /// </summary>
    public static async Task<System.Net.HttpStatusCode> PostWithTokenAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var home = await client.GetPageAsync("/");
        var token = home.Get("#sign-out-form input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var response = await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
        // The client follows redirects: a refusal ends on the access-denied page, which answers 403.
        return response.StatusCode;
    }
}
