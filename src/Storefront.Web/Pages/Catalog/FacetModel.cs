using Storefront.Core.Catalog;

namespace Storefront.Web.Pages.Catalog;

/// <summary>One facet of the catalog: its values with counts, the selected one, and the link that toggles a value.</summary>
public sealed record FacetModel(string Key, string Title, IReadOnlyList<FacetValue> Values, string? Selected, Func<string?, string> LinkFor);
