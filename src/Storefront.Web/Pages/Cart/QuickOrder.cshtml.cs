using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;
using Storefront.Web.Tables;
using static Storefront.Core.Ordering.QuickOrder;

namespace Storefront.Web.Pages.Cart;

/// <summary>
/// /cart/quick-order: lines of "listing code, quantity" (or the listing's exact name for its code) pasted, or a CSV/XLSX uploaded. Every line is checked; the
/// good ones go into the cart and the refused ones are listed with their line number and reason.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Buyer)]
[RequestFormLimits(MultipartBodyLengthLimit = TableFiles.MaxUploadBytes + 64 * 1024)]
public class QuickOrderModel(Core.Ordering.Cart cart, StorefrontDbContext db, CurrentActor actor, IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed record Row(int Line, string Text, string Reason);

    [BindProperty, Display(Name = "Field.QuickOrderLines")]
    [StringLength(50_000, ErrorMessage = "Validation.TooLong")]
    public string? Lines { get; set; }

    public IReadOnlyList<Row> Added { get; private set; } = [];
    public IReadOnlyList<Row> Refused { get; private set; } = [];
    public bool Submitted { get; private set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var seat = Seat;
        if (string.IsNullOrWhiteSpace(Lines)) ModelState.AddModelError(nameof(Lines), t["Validation.Required", t["Field.QuickOrderLines"]]);
        if (!ModelState.IsValid) return Page();
        await AddAsync(seat, Parse(Lines), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        var seat = Seat;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["QuickOrder.NoFile"]);
            return Page();
        }
        await using var stream = file.OpenReadStream();
        var (table, problem) = await TableFiles.ReadAsync(stream, MaxLines, ct);
        if (table is null)
        {
            ModelState.AddModelError("file", t[$"QuickOrder.FileProblem.{problem}", MaxLines]);
            return Page();
        }
        await AddAsync(seat, FromTable(table), ct);
        return Page();
    }

    private async Task AddAsync(CurrentActor.OrganisationSeat seat, Result parsed, CancellationToken ct)
    {
        Submitted = true;
        parsed = await ResolveNamesAsync(db, parsed, ct);
        var outcomes = await cart.AddAsync(actor.UserId!, seat.OrganisationId,
            parsed.Entries.Select(e => new Core.Ordering.Cart.Addition(e.ListingId!.Value, e.Quantity, e.Line)).ToList(), ct);
        var codes = parsed.Entries.ToDictionary(e => e.Line, e => $"{e.Code}, {e.Quantity}");
        Added = outcomes.Where(o => o.Refused is null)
            .Select(o => new Row(o.Addition.Line, codes[o.Addition.Line], t["QuickOrder.InCart", o.Listing!.Title, o.CartQuantity, o.Listing.Unit]))
            .ToList();
        Refused = parsed.Refused.Select(r => new Row(r.Line, r.Text, RefusalText(r)))
            .Concat(outcomes.Where(o => o.Refused is not null)
                .Select(o => new Row(o.Addition.Line, codes[o.Addition.Line], (o.Listing is null ? "" : o.Listing.Title + ": ") + CartText.Refusal(t, o))))
            .OrderBy(r => r.Line)
            .ToList();
        // The lines were read: the box is emptied of what went in, and keeps what was refused for correcting.
        ModelState.Remove(nameof(Lines));
        Lines = string.Join('\n', Refused.Select(r => r.Text));
    }

    /// <summary>Why a line was not read: {0} the most lines read, {1} the name given, {2} the listings that name could mean.</summary>
    private string RefusalText(Refused refused) =>
        t[$"QuickOrder.Refusal.{refused.Reason}", MaxLines, refused.Name ?? "",
            string.Join(t["QuickOrder.CandidateSeparator"], (refused.Candidates ?? []).Select(c => t["QuickOrder.Candidate", c.Code, c.SupplierName].Value))];
}
