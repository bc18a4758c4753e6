using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Cart;

/// <summary>
/// /cart: the person's cart for their organisation, one table per supplier with its total, each line priced by the
/// tier its quantity reaches and checked against the minimum order and stock. Prices that changed since a line was
/// added are shown beside the old ones until the buyer accepts them.
/// </summary>
[Authorize]
[Performance.SharedWithSignedIn(OwnOrganisation = true)]
[OrganisationPage(OrganisationRoles.Buyer)]
public class IndexModel(Core.Ordering.Cart cart, SavedLists lists, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public CartView View { get; private set; } = new([], 0, 0);

    /// <summary>Quantities as typed, by listing id; read as text so that "abc" is an error beside its field, not a lost value.</summary>
    // Named explicitly: unnamed, a form without these fields would have all its other fields bound as keys.
    [BindProperty(Name = "Quantities")] public Dictionary<int, string> Quantities { get; set; } = [];

    [BindProperty, Display(Name = "Field.ListName")]
    [StringLength(SavedList.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? ListName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>
    /// The cart's one form: its buttons update the quantities, remove a line (remove = listing id), accept new
    /// prices or empty the cart (action), so that it works without script and every button carries the form's token.
    /// </summary>
    public async Task<IActionResult> OnPostUpdateAsync(int? remove, string? action, CancellationToken ct)
    {
        if (remove is { } removed) return await RemoveAsync(removed, ct);
        if (action == "accept-prices") return await AcceptPricesAsync(ct);
        if (action == "clear") return await ClearAsync(ct);
        var changes = new List<Core.Ordering.Cart.Addition>();
        foreach (var (listingId, text) in Quantities)
        {
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)) changes.Add(new(listingId, quantity));
            else ModelState.AddModelError(QuantityKey(listingId), t["Cart.QuantityNotANumber"]);
        }
        var outcomes = await cart.SetQuantitiesAsync(actor.UserId!, Seat.OrganisationId, changes, ct);
        foreach (var refused in outcomes.Where(o => o.Refused is not null))
            ModelState.AddModelError(QuantityKey(refused.Addition.ListingId), CartText.Refusal(t, refused));
        if (!ModelState.IsValid)
        {
            // The lines that could be set are saved; the others keep what was typed, with the reason beside them.
            await LoadAsync(ct);
            return Page();
        }
        TempData["Status"] = t["Cart.Updated"].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> RemoveAsync(int listingId, CancellationToken ct)
    {
        await cart.RemoveAsync(actor.UserId!, Seat.OrganisationId, listingId, ct);
        TempData["Status"] = t["Cart.Removed"].Value;
        return RedirectToPage();
    }

    private async Task<IActionResult> AcceptPricesAsync(CancellationToken ct)
    {
        await cart.AcceptPricesAsync(actor.UserId!, Seat.OrganisationId, ct);
        TempData["Status"] = t["Cart.PricesAccepted"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSaveListAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ListName)) ModelState.AddModelError(nameof(ListName), t["Validation.Required", t["Field.ListName"]]);
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var list = await lists.SaveCartAsync(actor.UserId!, Seat.OrganisationId, ListName!, ct);
        TempData["Status"] = list is null ? t["Cart.Empty"].Value : t["Lists.Saved", list.Name].Value;
        return list is null ? RedirectToPage() : RedirectToPage("/Cart/Lists");
    }

    private async Task<IActionResult> ClearAsync(CancellationToken ct)
    {
        await cart.ClearAsync(actor.UserId!, Seat.OrganisationId, ct);
        TempData["Status"] = t["Cart.Cleared"].Value;
        return RedirectToPage();
    }

    public static string QuantityKey(int listingId) => $"Quantities[{listingId}]";

    /// <summary>What the quantity field shows: what was typed when the form came back, else the cart's quantity.</summary>
    public string QuantityText(CartItem item) =>
        Quantities.TryGetValue(item.Quote.Listing.Id, out var typed) && ModelState.ContainsKey(QuantityKey(item.Quote.Listing.Id))
            ? typed
            : item.Quote.Quantity.ToString(CultureInfo.InvariantCulture);

    private async Task LoadAsync(CancellationToken ct) => View = await cart.LoadAsync(actor.UserId!, Seat.OrganisationId, ct);
}
