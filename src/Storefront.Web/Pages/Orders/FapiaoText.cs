using Microsoft.Extensions.Localization;
using Storefront.Core.Fapiao;
using Storefront.Core.Money;

namespace Storefront.Web.Pages.Orders;

/// <summary>The words for what the fapiao rules refuse, shared by the buyer's and the supplier's pages.</summary>
public static class FapiaoText
{
    public static string Problem(IStringLocalizer t, FapiaoRules.Problem problem) =>
        problem.Code.StartsWith("TaxId.", StringComparison.Ordinal)
            ? t[$"OrganisationProblem.CreditCode.{problem.Code["TaxId.".Length..]}"]
            : t[$"Fapiao.Problem.{problem.Code}", problem.Fen is { } fen ? Fen.Format(fen) : ""];

    public static string Outcome(IStringLocalizer t, FapiaoDesk.Outcome outcome) => t[$"Fapiao.Outcome.{outcome}"];
}
