using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Cart;

/// <summary>/cart/lists: the organisation's saved lists, each turned into a cart in one step.</summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Buyer)]
public class ListsModel(StorefrontDbContext db, SavedLists lists, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record LineRow(int ListingId, string Title, string Unit, int Quantity);
    public sealed record ListRow(long Id, string Name, DateTime CreatedAtUtc, IReadOnlyList<LineRow> Lines);

    public IReadOnlyList<ListRow> Lists { get; private set; } = [];
    /// <summary>Lines of the last list put in the cart that could not go in, with why.</summary>
    public IReadOnlyList<string> Refused { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        await LoadAsync(seat, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostToCartAsync([TenantId(TenantRecord.SavedList)] long id, CancellationToken ct)
    {
        var seat = Seat;
        var outcomes = await lists.ToCartAsync(id, actor.UserId!, seat.OrganisationId, ct);
        if (outcomes is null) return NotFound();
        var refused = outcomes.Where(o => o.Refused is not null).ToList();
        if (refused.Count == 0)
        {
            TempData["Status"] = t["Lists.InCart", outcomes.Count].Value;
            return RedirectToPage("/Cart/Index");
        }
        // Lines that could not go in are reported here, not silently dropped.
        Refused = refused.Select(o => $"{o.Listing?.Title ?? Core.Catalog.Listing.CodeOf(o.Addition.ListingId)}: {CartText.Refusal(t, o)}").ToList();
        TempData["Status"] = t["Lists.PartlyInCart", outcomes.Count - refused.Count, refused.Count].Value;
        await LoadAsync(seat, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync([TenantId(TenantRecord.SavedList)] long id, CancellationToken ct)
    {
        var seat = Seat;
        if (!await lists.DeleteAsync(id, seat.OrganisationId, ct)) return NotFound();
        TempData["Status"] = t["Lists.Deleted"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CurrentActor.OrganisationSeat seat, CancellationToken ct) =>
        Lists = await lists.Of(seat.OrganisationId).AsNoTracking()
            .OrderByDescending(l => l.CreatedAtUtc)
            .Select(l => new ListRow(l.Id, l.Name, l.CreatedAtUtc, l.Lines.OrderBy(x => x.Id)
                .Select(x => new LineRow(x.ListingId,
                    db.Listings.Where(g => g.Id == x.ListingId).Select(g => g.Title).FirstOrDefault() ?? "",
                    db.Listings.Where(g => g.Id == x.ListingId).Select(g => g.Unit).FirstOrDefault() ?? "",
                    x.Quantity)).ToList()))
            .AsSplitQuery()
            .ToListAsync(ct);
}
