using Microsoft.Extensions.Localization;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Cart;

/// <summary>The words for why a line cannot be bought, shared by the cart, quick order, lists and reorder.</summary>
public static class CartText
{
    public static string Refusal(IStringLocalizer t, Core.Ordering.Cart.Outcome outcome) =>
        Refusal(t, outcome.Refused!.Value.ToString(), outcome.Listing);

    public static string Problem(IStringLocalizer t, LineQuote quote) => Refusal(t, quote.Problem.ToString(), quote.Listing);

    /// <summary>Every refusal text takes the minimum order {0}, the stock {1}, the unit {2} and the maximum quantity {3}.</summary>
    private static string Refusal(IStringLocalizer t, string reason, ListingFacts? listing) =>
        t[$"Refusal.{reason}", listing?.MinOrderQuantity ?? 0, listing?.Stock ?? 0, listing?.Unit ?? "", LinePricing.MaxQuantity];
}
