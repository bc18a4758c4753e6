using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Core.Catalog;

namespace Storefront.Web.Pages.Supplier.Listings;

/// <summary>The words for the listing rules' problems, shared by the listing form and the import report.</summary>
public static class ListingMessages
{
    /// <summary>"ListingProblem.{Field}.{Code}" when the field has its own wording, else "ListingProblem.{Code}".</summary>
    public static string Describe(IStringLocalizer t, ListingProblem problem)
    {
        var specific = t[$"ListingProblem.{problem.Field}.{problem.Code}", problem.Limit];
        return specific.ResourceNotFound ? t[$"ListingProblem.{problem.Code}", problem.Limit] : specific;
    }

    public static string FieldName(IStringLocalizer t, ListingField field) => t[$"ListingField.{field}"];

    /// <summary>The form field a problem belongs beside: a tier's quantity or price, or the field itself.</summary>
    public static string Key(ListingProblem problem) => problem.Field switch
    {
        ListingField.Tiers when problem.TierIndex >= 0 => $"Input.Tiers[{problem.TierIndex}].{(TierProblemIsAboutPrice(problem.Code) ? "Price" : "Quantity")}",
        ListingField.OriginCounty => "Input.OriginCountyCode",
        ListingField.Category => "Input.CategoryId",
        _ => $"Input.{problem.Field}",
    };

    private static bool TierProblemIsAboutPrice(string code) =>
        code is nameof(PriceTiers.Problem.PriceIncreases) or nameof(PriceTiers.Problem.PriceNotPositive) or nameof(PriceTiers.Problem.PriceTooHigh);

    /// <summary>Shows each problem beside its field, unless the field already shows why it could not be read.</summary>
    public static void AddTo(ModelStateDictionary modelState, IStringLocalizer t, IEnumerable<ListingProblem> problems, Func<ListingProblem, string>? key = null)
    {
        foreach (var problem in problems)
        {
            var k = (key ?? Key)(problem);
            if (modelState[k]?.Errors.Count > 0) continue;
            modelState.AddModelError(k, Describe(t, problem));
        }
    }
}
