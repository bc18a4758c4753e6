using Microsoft.Extensions.Localization;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Orders;

/// <summary>Why a step on an order did not happen, in words, for every page that acts on orders.</summary>
public static class OrderText
{
    public static string Outcome(IStringLocalizer t, OrderWorkflow.Result result) =>
        t[$"OrderOutcome.{result.Outcome}", result.ListingTitle ?? ""];
}
