using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

public static class OrganisationAccess
{
    /// <summary>
    /// The organisation the person acts for, when they hold at least one of the roles there; null otherwise, which
    /// pages answer with 403 and never with another organisation's data.
    /// </summary>
    public static async Task<CurrentActor.OrganisationSeat?> SeatWithAsync(this CurrentActor actor, OrganisationRoles anyOf, CancellationToken ct = default) =>
        await actor.CurrentOrganisationAsync(ct) is { } seat && (seat.Roles & anyOf) != 0 ? seat : null;

    public static bool Holds(this CurrentActor.OrganisationSeat seat, OrganisationRoles role) => (seat.Roles & role) == role;

    /// <summary>Who acts, for an order's history.</summary>
    public static Core.Ordering.OrderWorkflow.Actor AsOrderActor(this CurrentActor actor) => new(actor.UserId!, actor.Name);
}
