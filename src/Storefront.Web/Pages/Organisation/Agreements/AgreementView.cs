using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Web.Localization;
using Storefront.Web.Pages.Organisation.Plans;
using Storefront.Web.Pages.Shared;

namespace Storefront.Web.Pages.Organisation.Agreements;

/// <summary>The change request form, alike on both sides: the proposed terms, the reason, and the version they were read at.</summary>
public sealed class ChangeForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.UnitPrice")]
    public string UnitPrice { get; set; } = "";

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.QuantityPerDelivery")]
    public long? QuantityPerDelivery { get; set; }

    [Display(Name = "Field.Frequency")]
    public DeliveryFrequency Frequency { get; set; }
    public List<DayOfWeek> Weekdays { get; set; } = [];
    [Display(Name = "Field.IntervalDays")]
    public int? IntervalDays { get; set; }
    [Display(Name = "Field.DayOfMonth")]
    public int? DayOfMonth { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.EndDate")]
    public DateOnly? EndDate { get; set; }

    [Range(0, SupplyAgreement.MaxChangeNoticeDays, ErrorMessage = "Validation.Range")]
    [Display(Name = "Field.ChangeNoticeDays")]
    public int ChangeNoticeDays { get; set; }

    [StringLength(SupplyAgreement.PriceReviewMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.PriceReview")]
    public string? PriceReview { get; set; }

    [StringLength(SupplyAgreement.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ChangeReason")]
    public string? Reason { get; set; }

    public int BasedOnVersion { get; set; }

    /// <summary>The form filled with the agreement's terms as they are, to be changed.</summary>
    public static ChangeForm Of(SupplyAgreement a) => new()
    {
        UnitPrice = Fen.ToYuanText(a.UnitPriceFen), QuantityPerDelivery = a.QuantityPerDelivery, Frequency = a.Frequency,
        Weekdays = [.. a.Schedule.Weekdays], IntervalDays = a.IntervalDays == 0 ? null : a.IntervalDays, DayOfMonth = a.DayOfMonth == 0 ? null : a.DayOfMonth,
        EndDate = a.EndDate, ChangeNoticeDays = a.ChangeNoticeDays, PriceReview = a.PriceReview, BasedOnVersion = a.Version,
    };

    /// <summary>The input for the core, or null when the price cannot be read (the error then on the form).</summary>
    public ChangeInput? ToInput(ModelStateDictionary state, IStringLocalizer t)
    {
        var price = Fen.ParseYuan(UnitPrice);
        if (!string.IsNullOrWhiteSpace(UnitPrice) && price is null) state.AddModelError("Change.UnitPrice", t["Quote.PriceInvalid"]);
        if (!state.IsValid) return null;
        var schedule = new DeliverySchedule(Frequency, Weekdays.ToHashSet(), IntervalDays ?? 0, DayOfMonth ?? 0);
        return new ChangeInput(price!.Value, QuantityPerDelivery!.Value, schedule, EndDate!.Value, ChangeNoticeDays, PriceReview, Reason, BasedOnVersion);
    }
}

/// <summary>
/// One agreement as either side reads it: parties, item, terms, status, every version with who and why, the change
/// requests, and the deliveries ahead. Loaded for one side's party only, so a page never holds another's agreement.
/// </summary>
public sealed class AgreementView
{
    public sealed record VersionRow(int Version, long UnitPriceFen, int Quantity, DeliverySchedule Schedule, DateOnly Start, DateOnly End,
        int NoticeDays, string PriceReview, string Reason, string By, DateTime AtUtc);

    public sealed record RequestRow(long Id, AgreementSide RequestedBy, string By, DateTime AtUtc, int BasedOnVersion, string Reason,
        long UnitPriceFen, int Quantity, DeliverySchedule Schedule, DateOnly End, int NoticeDays, string PriceReview,
        ChangeRequestStatus Status, string? DecidedBy, DateTime? DecidedAtUtc, string? RefusalReason);

    public required SupplyAgreement Agreement { get; init; }
    public required AgreementSide Side { get; init; }
    public required string Organisation { get; init; }
    public required string Supplier { get; init; }
    public required string Category { get; init; }
    public string? Listing { get; init; }
    public string? EndedBy { get; init; }
    public required IReadOnlyList<VersionRow> Versions { get; init; }
    public required IReadOnlyList<RequestRow> Requests { get; init; }
    /// <summary>The deliveries ahead with each side's actions, and the agreement's record so far.</summary>
    public required AgreementDeliveriesView Deliveries { get; init; }
    /// <summary>Whether the person may act on the agreement (an approver alone only reads it).</summary>
    public bool MayAct { get; set; }
    /// <summary>The ?supplier= of the supplier's links, when the person belongs to several.</summary>
    public string? SupplierRoute { get; set; }

    /// <summary>The forms' values: the change form filled from the terms, or as posted when it was refused.</summary>
    public ChangeForm Change { get; set; } = new();
    public string? RefusalReason { get; set; }
    public string? EndReason { get; set; }

    public RequestRow? Pending => Requests.FirstOrDefault(r => r.Status == ChangeRequestStatus.Pending);
    public string BasePath => Side == AgreementSide.Organisation ? "/organisation/agreements" : "/supplier/agreements";

    public static async Task<AgreementView?> LoadAsync(StorefrontDbContext db, AgreementSide side, int partyId, long id, DateOnly today, CancellationToken ct)
    {
        var agreement = await db.SupplyAgreements.AsNoTracking().Include(a => a.Organisation).Include(a => a.Supplier).Include(a => a.Listing)
            .SingleOrDefaultAsync(a => a.Id == id && (side == AgreementSide.Organisation ? a.OrganisationId == partyId : a.SupplierId == partyId), ct);
        if (agreement is null) return null;
        var category = await db.Categories.Where(c => c.Id == agreement.CategoryId).Select(c => Cultures.IsEnglish ? c.NameEn : c.Name).SingleAsync(ct);
        var versions = await db.AgreementVersions.AsNoTracking().Where(v => v.AgreementId == id).OrderByDescending(v => v.Version).ToListAsync(ct);
        var requests = await db.AgreementChangeRequests.AsNoTracking().Where(r => r.AgreementId == id).OrderByDescending(r => r.Id).ToListAsync(ct);
        var userIds = versions.Select(v => v.ChangedByUserId).Concat(requests.Select(r => r.RequestedByUserId)).Concat(requests.Select(r => r.DecidedByUserId))
            .Append(agreement.EndedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName == "" ? u.Email : u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.Name ?? "", ct);
        string NameOf(string? userId) => userId is not null && names.TryGetValue(userId, out var n) ? n : "";
        return new AgreementView
        {
            Agreement = agreement, Side = side, Organisation = agreement.Organisation.Name, Supplier = agreement.Supplier.Name, Category = category,
            Listing = agreement.Listing?.Title, EndedBy = NameOf(agreement.EndedByUserId),
            Versions = versions.Select(v => new VersionRow(v.Version, v.UnitPriceFen, v.QuantityPerDelivery, v.Schedule, v.StartDate, v.EndDate,
                v.ChangeNoticeDays, v.PriceReview, v.Reason, NameOf(v.ChangedByUserId), v.ChangedAtUtc)).ToList(),
            Requests = requests.Select(r => new RequestRow(r.Id, r.RequestedBy, NameOf(r.RequestedByUserId), r.RequestedAtUtc, r.BasedOnVersion, r.Reason,
                r.UnitPriceFen, r.QuantityPerDelivery, r.Schedule, r.EndDate, r.ChangeNoticeDays, r.PriceReview, r.Status,
                r.DecidedByUserId is null ? null : NameOf(r.DecidedByUserId), r.DecidedAtUtc, r.RefusalReason)).ToList(),
            Deliveries = await AgreementDeliveriesView.LoadAsync(db, agreement, forSupplier: side == AgreementSide.Supplier, today, ct),
        };
    }

    /// <summary>Each problem on its field of the change form, or above everything.</summary>
    public static void AddTo(ModelStateDictionary state, IStringLocalizer t, IEnumerable<DemandProblem> problems, string prefix)
    {
        foreach (var p in problems)
            state.AddModelError(p.Field.Length == 0 ? "" : prefix.Length == 0 ? p.Field : $"{prefix}.{p.Field}", t[p.Key, p.Args]);
    }

    public static string ScheduleText(IStringLocalizer t, DeliverySchedule schedule) => PlanText.Schedule(t, schedule);
}

/// <summary>One agreement in a side's list: the other party, what, at what price, and where it stands.</summary>
public sealed record AgreementListRow(long Id, string Party, string Description, long UnitPriceFen, int Quantity, string Unit, DateOnly Start, DateOnly End,
    AgreementStatus Status, int Version, bool ChangePending);

public sealed record AgreementList(IReadOnlyList<AgreementListRow> Rows, string BasePath, string? SupplierRoute);
