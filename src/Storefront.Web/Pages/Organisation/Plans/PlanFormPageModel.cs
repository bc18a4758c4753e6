using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Core.Regions;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Organisation.Plans;

/// <summary>The plan form that posting and changing a plan share: its fields, its choices, and the input it makes.</summary>
public abstract class PlanFormPageModel(StorefrontDbContext db, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    protected StorefrontDbContext Db => db;
    protected IStringLocalizer<SharedResource> Text => t;

    public sealed class PlanForm
    {
        [Display(Name = "Field.Category")]
        public int CategoryId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ProcurementPlan.DescriptionMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PlanDescription")]
        public string Description { get; set; } = "";

        [StringLength(ProcurementPlan.SpecMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Spec")]
        public string? Spec { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.QuantityPerDelivery")]
        public long? QuantityPerDelivery { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(ProcurementPlan.UnitMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.Unit")]
        public string Unit { get; set; } = "";

        [Display(Name = "Field.Frequency")]
        public DeliveryFrequency Frequency { get; set; }

        public List<DayOfWeek> Weekdays { get; set; } = [];

        [Display(Name = "Field.IntervalDays")]
        public int? IntervalDays { get; set; }

        [Display(Name = "Field.DayOfMonth")]
        public int? DayOfMonth { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.StartDate")]
        public DateOnly? StartDate { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.EndDate")]
        public DateOnly? EndDate { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.QuotesCloseOn")]
        public DateOnly? QuotesCloseOn { get; set; }

        /// <summary>One of the organisation's addresses (its address book, as at checkout).</summary>
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.DeliveryAddress")]
        public int? DeliveryAddressId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.LatestDeliveryTime")]
        public TimeOnly? LatestDeliveryTime { get; set; }

        /// <summary>Yuan per unit as typed; empty for no ceiling.</summary>
        [StringLength(20, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PriceCeiling")]
        public string? PriceCeiling { get; set; }

        /// <summary>The plan's revision the form was filled from, so that a change made meanwhile is not overwritten.</summary>
        public int Revision { get; set; }

        /// <summary>Empty: every designated county.</summary>
        [Display(Name = "Field.PlanCounties")]
        public string? ProvinceCode { get; set; }

        /// <summary>Only the organisation's paired counties (东西部协作、对口帮扶) may quote.</summary>
        [Display(Name = "Field.PairedCountiesOnly")]
        public bool PairedCountiesOnly { get; set; }
    }

    [BindProperty] public PlanForm Input { get; set; } = new();
    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Provinces { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Addresses { get; private set; } = [];
    /// <summary>The organisation's paired counties, by name: what "paired counties only" admits.</summary>
    public IReadOnlyList<string> PairedCounties { get; private set; } = [];

    /// <summary>The input the form makes, or null with the reasons in the model state.</summary>
    protected PlanInput? ReadInput()
    {
        long? ceiling = null;
        if (!string.IsNullOrWhiteSpace(Input.PriceCeiling))
        {
            ceiling = Fen.ParseYuan(Input.PriceCeiling);
            if (ceiling is null) ModelState.AddModelError("Input.PriceCeiling", t["Plan.CeilingInvalid"]);
        }
        if (!ModelState.IsValid) return null;
        return new PlanInput(Input.CategoryId, Input.Description, Input.Spec, Input.QuantityPerDelivery!.Value, Input.Unit,
            new DeliverySchedule(Input.Frequency, Input.Weekdays.ToHashSet(), Input.IntervalDays ?? 0, Input.DayOfMonth ?? 0),
            Input.StartDate!.Value, Input.EndDate!.Value, Input.QuotesCloseOn!.Value, Input.DeliveryAddressId!.Value, Input.LatestDeliveryTime!.Value,
            ceiling, string.IsNullOrWhiteSpace(Input.ProvinceCode) ? null : Input.ProvinceCode.Trim(), Input.PairedCountiesOnly);
    }

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        var english = Cultures.IsEnglish;
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new SelectListItem(english ? c.NameEn : c.Name, c.Id.ToString())).ToListAsync(ct);
        // Only provinces with designated counties: a plan open to another could get no quote.
        Provinces = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.Province && db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.County.ProvinceCode == d.Code))
            .OrderBy(d => d.Code).Select(d => new SelectListItem(d.Name, d.Code)).ToListAsync(ct);
        var organisationId = Seat.OrganisationId;
        Addresses = await db.DeliveryAddresses.AsNoTracking().Where(a => a.OrganisationId == organisationId)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id)
            .Select(a => new SelectListItem(a.Label + " · " + a.Address, a.Id.ToString())).ToListAsync(ct);
        PairedCounties = await db.PairedCounties.AsNoTracking().Where(c => c.OrganisationId == organisationId)
            .OrderBy(c => c.CountyCode).Select(c => c.County.Name).ToListAsync(ct);
    }
}
