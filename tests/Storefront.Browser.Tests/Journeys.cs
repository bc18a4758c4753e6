using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// Puts an organisation's approval threshold back to <paramref name="fen"/>: journeys share one database, and some
    /// lift a threshold so that checkout goes straight to payment; a journey through approval sets the one it needs.
    /// </summary>
    public static Task ApprovalThresholdAsync(BrowserFixture browser, string organisation, long? fen) =>
        browser.Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == organisation)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, fen)));
}
