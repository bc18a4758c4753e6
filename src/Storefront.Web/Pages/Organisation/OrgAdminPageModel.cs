using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>A page of the org admin's: every handler starts with <see cref="SeatAsync"/> and answers 403 without the role.</summary>
public abstract class OrgAdminPageModel(CurrentActor actor) : PageModel
{
    protected CurrentActor Actor { get; } = actor;
    public CurrentActor.OrganisationSeat Seat { get; private set; } = null!;

    /// <summary>The organisation's id as audit entries name it.</summary>
    protected string Subject => Seat.OrganisationId.ToString(CultureInfo.InvariantCulture);

    protected async Task<bool> SeatAsync(CancellationToken ct)
    {
        if (await Actor.SeatWithAsync(OrganisationRoles.OrgAdmin, ct) is not { } seat) return false;
        Seat = seat;
        return true;
    }
}
