using Storefront.Core.Catalog;

namespace Storefront.Web.Pages.Catalog;

/// <summary>One facet of the catalog: its values with counts, the selected one, and the link that toggles a value.</summary>
public sealed record FacetModel(string Key, string Title, IReadOnlyList<FacetValue> Values, string? Selected, Func<string?, string> LinkFor)
{
    /// <summary>
    /// A facet lists at most this many values, the largest first (and the chosen one always): with thousands of
    /// suppliers a full list would be most of the page and help nobody; search or a region narrows it instead.
    /// </summary>
    public const int MaxValues = 20;

    public IReadOnlyList<FacetValue> Shown { get; } = Values.Count <= MaxValues ? Values
        : Values.Take(MaxValues).Concat(Values.Skip(MaxValues).Where(v => v.Key == Selected)).ToList();

    public int NotShown => Values.Count - Shown.Count;
}
