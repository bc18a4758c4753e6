using Microsoft.Playwright;

namespace Storefront.Browser.Tests;

/// <summary>Steps several journeys take the same way.</summary>
public static class Journeys
{
    /// <summary>An admin finds a purchase waiting for its transfer and records it, for the amount the form proposes.</summary>
    public static async Task RecordTransferAsync(IPage admin, string purchaseNumber, string expectedAmount, string bankReference)
    {
        await admin.ClickAsync("#nav-admin-orders");
        await admin.FillAsync("#q", purchaseNumber);
        await admin.CheckAsync("#due");
        await admin.ClickAsync("#admin-orders-search button[type=submit]");
        await admin.ClickAsync($"#admin-purchases a:has-text('{purchaseNumber}')");
        await Assertions.Expect(admin.Locator("#Transfer_Amount")).ToHaveValueAsync(expectedAmount);
        await admin.FillAsync("#Transfer_Reference", bankReference);
        await admin.ClickAsync("#record-transfer");
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("已登记 ¥");
    }
}
