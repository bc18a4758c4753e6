using Microsoft.Extensions.Localization;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Cart;

/// <summary>The words for why a line cannot be bought, shared by the cart, quick order, lists and reorder.</summary>
public static class CartText
{
    public static string Refusal(IStringLocalizer t, Core.Ordering.Cart.Outcome outcome) =>
        Refusal(t, outcome.Refused!.Value.ToString(), outcome.Listing);

    public static string Problem(IStringLocalizer t, LineQuote quote) => Refusal(t, quote.Problem.ToString(), quote.Listing);

    /// <summary>A quantity's problem on a line that is not in a cart (a saved list's): the listing's minimum order and unit.</summary>
    public static string Problem(IStringLocalizer t, LineProblem problem, int minOrderQuantity, string unit) =>
        t[$"Refusal.{problem}", minOrderQuantity, 0, unit, LinePricing.MaxQuantity];

    /// <summary>Every refusal text takes the minimum order {0}, the stock {1}, the unit {2} and the maximum quantity {3}.</summary>
    private static string Refusal(IStringLocalizer t, string reason, ListingFacts? listing) =>
        t[$"Refusal.{reason}", listing?.MinOrderQuantity ?? 0, listing?.Stock ?? 0, listing?.Unit ?? "", LinePricing.MaxQuantity];
}
