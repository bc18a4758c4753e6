using Storefront.Web.Quotas;

namespace Storefront.Web.Pages.Quota;

/// <summary>A page of quota entries and how to reach the other pages.</summary>
public sealed record EntriesView(IReadOnlyList<QuotaPanel.EntryRow> Rows, int Total, int Page, int PageSize, Func<int, string> PageLink)
{
    public const int DefaultPageSize = 25;
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
