using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Core.Organisations;

namespace Storefront.Web.Pages.Organisation;

/// <summary>An organisation's registered details as its forms take them: on registration and when a refused one is corrected.</summary>
public sealed class OrganisationDetailsInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Organisations.Organisation.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.OrganisationName")]
    public string Name { get; set; } = "";

    [Display(Name = "Field.OrganisationType")]
    public OrganisationType Type { get; set; } = OrganisationType.School;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.CreditCode")]
    public string CreditCode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(6, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Region")]
    public string RegionCode { get; set; } = "";

    [StringLength(Core.Organisations.Organisation.CompetentUnitMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.CompetentUnit")]
    public string? CompetentUnit { get; set; }

    public OrganisationRegistration.Details ToDetails() => new(Name, Type, CreditCode, RegionCode, CompetentUnit);

    /// <summary>Puts each problem beside its field.</summary>
    public static void Report(ModelStateDictionary state, string prefix, IEnumerable<OrganisationRegistration.Problem> problems, IStringLocalizer t)
    {
        foreach (var problem in problems)
            state.AddModelError($"{prefix}.{problem.Field}", t[$"OrganisationProblem.{problem.Field}.{problem.Code}"]);
    }
}

/// <summary>A canteen or store room that orders are delivered to.</summary>
public sealed class CanteenInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DeliveryAddress.LabelMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.CanteenLabel")]
    public string Label { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DeliveryAddress.AddressMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Address")]
    public string Address { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DeliveryAddress.RecipientMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Recipient")]
    public string Recipient { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(DeliveryAddress.PhoneMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Phone")]
    public string Phone { get; set; } = "";

    public OrganisationRegistration.Canteen ToCanteen() => new(Label, Address, Recipient, Phone);
}
