using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>
/// /organisation: the organisation a person acts for, its verification and their roles; a pending or refused
/// registration is corrected and sent again here. A person in no organisation is offered to register one.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember, SeatOptional = true)]
public class IndexModel(StorefrontDbContext db, OrganisationRegistration registration, Tenant tenant, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record View(int Id, string Name, OrganisationType Type, string CreditCode, string RegionCode, string RegionName, string? CompetentUnit,
        VerificationStatus Status, string? RejectionReason, string? SuspensionReason, int Members, int OpenOrders);

    public CurrentActor.OrganisationSeat? Seat { get; private set; }
    public View? Organisation { get; private set; }
    [BindProperty] public OrganisationDetailsInput Details { get; set; } = new();

    /// <summary>This year (Shanghai) and where its canteen filing stands: null when nothing is filed yet.</summary>
    public int Year { get; private set; }
    public FilingStatus? Filing { get; private set; }

    /// <summary>The filing the page asks the org admin to make: none yet this year, or returned for correction.</summary>
    public bool FilingDue => Filing is null or FilingStatus.Returned;

    public bool MayResubmit => Seat is { } seat && seat.Holds(OrganisationRoles.OrgAdmin)
        && Organisation?.Status is VerificationStatus.Pending or VerificationStatus.Rejected;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Organisation is { } o) Details = new() { Name = o.Name, Type = o.Type, CreditCode = o.CreditCode, RegionCode = o.RegionCode, CompetentUnit = o.CompetentUnit };
    }

    [OrganisationPage(OrganisationRoles.OrgAdmin)]
    public async Task<IActionResult> OnPostResubmitAsync(CancellationToken ct)
    {
        var seat = tenant.Organisation!;
        var organisation = await db.Organisations.SingleAsync(o => o.Id == seat.OrganisationId, ct);
        if (ModelState.IsValid)
        {
            var problems = await registration.ResubmitAsync(organisation, Details.ToDetails(), ct);
            if (problems is null) ModelState.AddModelError(string.Empty, t["Organisation.NotResubmittable"]);
            else if (problems.Count > 0) OrganisationDetailsInput.Report(ModelState, nameof(Details), problems, t);
            else
            {
                await db.SaveChangesAsync(ct);
                TempData["Status"] = t["Organisation.Resubmitted"].Value;
                return RedirectToPage();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Seat = tenant.Organisation;
        if (Seat is null) return;
        var id = Seat.OrganisationId;
        Organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new View(o.Id, o.Name, o.Type, o.CreditCode, o.RegionCode, o.Region.Name, o.CompetentUnit, o.Status, o.RejectionReason, o.SuspensionReason,
                o.Members.Count,
                db.Orders.Count(x => x.OrganisationId == o.Id && x.Status != Core.Ordering.OrderStatus.Completed && x.Status != Core.Ordering.OrderStatus.Cancelled)))
            .SingleAsync(ct);
        Year = ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);
        var year = Year;
        Filing = await db.CanteenFilings.Where(f => f.OrganisationId == id && f.Year == year).Select(f => (FilingStatus?)f.Status).FirstOrDefaultAsync(ct);
    }
}
