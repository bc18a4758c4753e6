using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Quota;

/// <summary>A page of quota entries and how to reach the other pages; <see cref="OrderPages"/> is where its reader opens an order.</summary>
public sealed record EntriesView(IReadOnlyList<QuotaPanel.EntryRow> Rows, int Total, int Page, int PageSize, Func<int, string> PageLink,
    string OrderPages = "/orders/")
{
    public const string AdminOrderPages = "/admin/orders/";
    public const int DefaultPageSize = 25;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
