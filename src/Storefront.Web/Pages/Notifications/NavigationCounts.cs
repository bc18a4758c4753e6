using Storefront.Web.Security;

namespace Storefront.Web.Pages.Notifications;

/// <summary>The header's counts of the person: read with their seats, in the one round trip of <see cref="CurrentActor"/>.</summary>
public sealed class NavigationCounts(CurrentActor actor)
{
    public async Task<int> UnreadAsync() => (await actor.GetSeatsAsync()).UnreadNotifications;
}
