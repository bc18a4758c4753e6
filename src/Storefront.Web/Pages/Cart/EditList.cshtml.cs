using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Cart;

/// <summary>
/// /cart/lists/{id}: a saved list renamed and edited line by line (quantities, lines removed), saved as one change.
/// Quantities are read as text, so that "abc" is shown beside its field; a list changed meanwhile by a colleague is
/// shown again as it now is, never overwritten.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Buyer)]
public class EditListModel(StorefrontDbContext db, SavedLists lists, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record LineRow(long Id, int ListingId, string Title, string Unit, int MinOrderQuantity, int Quantity);

    [BindProperty, Display(Name = "Field.ListName")]
    [StringLength(SavedList.NameMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? Name { get; set; }

    /// <summary>The revision the form was made from: a save from an older one is refused.</summary>
    [BindProperty] public int Revision { get; set; }

    /// <summary>Quantities as typed, by line id.</summary>
    [BindProperty(Name = "Quantities")] public Dictionary<long, string> Quantities { get; set; } = [];

    /// <summary>The lines ticked to be removed.</summary>
    [BindProperty(Name = "Remove")] public List<long> Remove { get; set; } = [];

    public long ListId { get; private set; }
    public IReadOnlyList<LineRow> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.SavedList)] long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, fromDatabase: true, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TenantId(TenantRecord.SavedList)] long id, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), t["Validation.Required", t["Field.ListName"]]);
        var edits = new List<SavedLists.LineEdit>();
        foreach (var (lineId, text) in Quantities)
        {
            var removed = Remove.Contains(lineId);
            if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)) edits.Add(new(lineId, quantity, removed));
            else if (removed) edits.Add(new(lineId, 0, Remove: true));
            else ModelState.AddModelError(QuantityKey(lineId), t["Cart.QuantityNotANumber"]);
        }
        if (!ModelState.IsValid)
        {
            if (!await LoadAsync(id, fromDatabase: false, ct)) return NotFound();
            return Page();
        }

        var result = await lists.EditAsync(id, Seat.OrganisationId, Revision, Name!, edits, ct);
        switch (result.Outcome)
        {
            case SavedLists.EditOutcome.NotFound:
                return NotFound();
            case SavedLists.EditOutcome.Conflict:
                // Shown as it now is, with what changed in it; the buyer edits again from there.
                ModelState.Clear();
                ModelState.AddModelError("", t["Lists.ChangedMeanwhile"]);
                await LoadAsync(id, fromDatabase: true, ct);
                return Page();
            case SavedLists.EditOutcome.Refused:
                if (result.NoLinesLeft) ModelState.AddModelError("", t["Lists.NoLinesLeft"]);
                foreach (var (lineId, problem) in result.Problems)
                {
                    var (minimum, unit) = result.Listings[lineId];
                    ModelState.AddModelError(QuantityKey(lineId), CartText.Problem(t, problem, minimum, unit));
                }
                await LoadAsync(id, fromDatabase: false, ct);
                return Page();
            default:
                TempData["Status"] = t["Lists.Edited", Name!.Trim()].Value;
                return RedirectToPage("/Cart/Lists");
        }
    }

    public static string QuantityKey(long lineId) => $"Quantities[{lineId}]";

    /// <summary>What the field shows: the typed text after a refused save, else the saved quantity.</summary>
    public string QuantityText(LineRow line) => Quantities.TryGetValue(line.Id, out var typed) ? typed : line.Quantity.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the list; the name and revision come from the database when the form is (re)made from it, else stay as posted.</summary>
    private async Task<bool> LoadAsync(long id, bool fromDatabase, CancellationToken ct)
    {
        var list = await lists.Of(Seat.OrganisationId).AsNoTracking().Where(l => l.Id == id)
            .Select(l => new
            {
                l.Name, l.Revision,
                Lines = l.Lines.OrderBy(x => x.Id).Select(x => new LineRow(x.Id, x.ListingId,
                    db.Listings.Where(g => g.Id == x.ListingId).Select(g => g.Title).FirstOrDefault() ?? "",
                    db.Listings.Where(g => g.Id == x.ListingId).Select(g => g.Unit).FirstOrDefault() ?? "",
                    db.Listings.Where(g => g.Id == x.ListingId).Select(g => g.MinOrderQuantity).FirstOrDefault(),
                    x.Quantity)).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(ct);
        if (list is null) return false;
        ListId = id;
        Lines = list.Lines;
        if (fromDatabase)
        {
            Name = list.Name;
            Revision = list.Revision;
            Quantities = [];
            Remove = [];
        }
        return true;
    }
}
