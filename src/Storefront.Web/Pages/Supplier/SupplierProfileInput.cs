using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Core.Suppliers;

namespace Storefront.Web.Pages.Supplier;

/// <summary>The profile form shared by joining (/supplier/join) and correcting it (/supplier/profile).</summary>
public sealed class SupplierProfileInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.SupplierName")]
    public string Name { get; set; } = "";

    [Display(Name = "Field.SupplierKind")]
    public SupplierKind Kind { get; set; } = SupplierKind.Cooperative;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.CreditCode")]
    public string CreditCode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.RegistrationCounty")]
    public string CountyCode { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.AddressMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Address")]
    public string Address { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.ContactNameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ContactName")]
    public string ContactName { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.ContactPhoneMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ContactPhone")]
    public string ContactPhone { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.BankNameMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.BankName")]
    public string BankName { get; set; } = "";

    /// <summary>Empty on the profile page keeps the account on file; the number on file is never sent back to the browser.</summary>
    [StringLength(60, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.BankAccount")]
    public string? BankAccount { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Suppliers.Supplier.FarmerLinkMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.FarmerLink")]
    public string FarmerLinkDescription { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Range(0, 10_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.Households")]
    public int? BenefitingHouseholds { get; set; }

    /// <summary>Optional: registered 脱贫户 the supplier buys from or employs; empty when it does not say.</summary>
    [Range(0, 10_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.PovertyLiftedHouseholds")]
    public int? PovertyLiftedHouseholds { get; set; }

    /// <summary>Optional: registered 监测户 the supplier buys from or employs.</summary>
    [Range(0, 10_000_000, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.MonitoredHouseholds")]
    public int? MonitoredHouseholds { get; set; }

    public SupplierProfile ToProfile() => new(
        Name, Kind, CreditCode, CountyCode, Address, ContactName, ContactPhone, BankName,
        string.IsNullOrWhiteSpace(BankAccount) ? null : BankAccount, FarmerLinkDescription, BenefitingHouseholds ?? 0,
        PovertyLiftedHouseholds, MonitoredHouseholds);

    public static SupplierProfileInput From(Core.Suppliers.Supplier s) => new()
    {
        Name = s.Name, Kind = s.Kind, CreditCode = s.CreditCode, CountyCode = s.CountyCode, Address = s.Address,
        ContactName = s.ContactName, ContactPhone = s.ContactPhone, BankName = s.BankName,
        FarmerLinkDescription = s.FarmerLinkDescription, BenefitingHouseholds = s.BenefitingHouseholds,
        PovertyLiftedHouseholds = s.PovertyLiftedHouseholds, MonitoredHouseholds = s.MonitoredHouseholds,
    };

    /// <summary>Shows each rule the profile breaks beside its field ("Input.CreditCode"), unless the field already has a message.</summary>
    public static void AddProblems(ModelStateDictionary modelState, IEnumerable<SupplierProfileProblem> problems, IStringLocalizer t)
    {
        foreach (var problem in problems)
        {
            var key = $"Input.{problem.Field}";
            if (modelState[key]?.Errors.Count > 0) continue;
            modelState.AddModelError(key, t[$"SupplierProblem.{problem.Code}"]);
        }
    }
}
