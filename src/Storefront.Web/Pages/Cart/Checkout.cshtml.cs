using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Payments;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Cart;

/// <summary>
/// /cart/checkout: where to deliver, when, under which purchase-order reference, and whether it is a trade-union
/// purchase. The page sends back the lines as the buyer saw them; if the server's prices or the cart differ when the
/// form arrives, nothing is placed and the page shows what changed for the buyer to confirm.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Buyer)]
public class CheckoutModel(
    StorefrontDbContext db,
    Core.Ordering.Cart cart,
    OrderPlacement placement,
    PaymentRequests payments,
    PaymentOutbox outbox,
    CurrentActor actor,
    IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    public sealed class InputModel
    {
        [Display(Name = "Field.DeliveryAddress")]
        public int DeliveryAddressId { get; set; }

        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Field.RequestedDeliveryDate")]
        public DateOnly? RequestedDeliveryDate { get; set; }

        [StringLength(Purchase.ReferenceMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.PurchaseOrderReference")]
        public string? PurchaseOrderReference { get; set; }

        [StringLength(Purchase.NotesMaxLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Field.OrderNotes")]
        public string? Notes { get; set; }

        [Display(Name = "Field.TradeUnion")]
        public bool IsTradeUnion { get; set; }

        [Display(Name = "Field.ConfirmChanges")]
        public bool ConfirmChanges { get; set; }

        /// <summary>Card or invoice through Stripe; bank transfer (recorded by an admin) when the shop runs offline.</summary>
        [Display(Name = "Field.PaymentMethod")]
        public PaymentMethod PaymentMethod { get; set; }
    }

    /// <summary>Whether Stripe is configured: then the buyer chooses card or invoice; otherwise bank transfer only.</summary>
    public bool Online => payments.IsEnabled;

    public sealed record AddressOption(int Id, string Label, string Address, bool IsDefault);

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The checkout's key: the same form sent twice places one purchase.</summary>
    [BindProperty] public Guid CheckoutKey { get; set; }
    /// <summary>The lines as shown, "listing:quantity:unit price;…".</summary>
    [BindProperty] public string? Seen { get; set; }

    public CartView View { get; private set; } = new([], 0, 0);
    public int OrganisationId { get; private set; }
    public IReadOnlyList<AddressOption> Addresses { get; private set; } = [];
    public long? ThresholdFen { get; private set; }
    public bool MayOrder { get; private set; }
    public DateOnly EarliestDelivery { get; private set; }
    /// <summary>What differs between the page the buyer submitted and the cart now.</summary>
    public IReadOnlyList<string> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var seat = Seat;
        await LoadAsync(seat, ct);
        if (View.IsEmpty) return RedirectToPage("/Cart/Index");
        CheckoutKey = Guid.NewGuid();
        Input.DeliveryAddressId = Addresses.FirstOrDefault(a => a.IsDefault)?.Id ?? Addresses.FirstOrDefault()?.Id ?? 0;
        Input.RequestedDeliveryDate = EarliestDelivery;
        Input.PaymentMethod = Online ? PaymentMethod.Invoice : PaymentMethod.BankTransfer;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var seat = Seat;
        var seen = ParseSeen(Seen);
        await LoadAsync(seat, ct);
        if (!View.IsEmpty && OrderPlacement.Differs(View, seen))
        {
            // Checked here as well as in the placement, so that the buyer sees every change at once, before confirming.
            Changes = Describe(seen, View);
            ModelState.AddModelError(string.Empty, t["Checkout.CartChanged"]);
            ModelState.Remove(nameof(Seen));
            Seen = FormatSeen(View);
            return Page();
        }
        if (!Online) Input.PaymentMethod = PaymentMethod.BankTransfer;
        else if (Input.PaymentMethod is not (PaymentMethod.Card or PaymentMethod.Invoice))
            ModelState.AddModelError("Input.PaymentMethod", t["Checkout.ChoosePayment"]);
        if (View.HasPriceChanges && !Input.ConfirmChanges)
            ModelState.AddModelError("Input.ConfirmChanges", t["Checkout.ConfirmChangesRequired"]);
        if (!ModelState.IsValid) return Page();

        var result = await placement.PlaceAsync(new OrderPlacement.Request(
            seat.OrganisationId, actor.UserId!, actor.Name, CheckoutKey, Input.DeliveryAddressId, Input.RequestedDeliveryDate!.Value,
            Input.PurchaseOrderReference, Input.Notes, Input.IsTradeUnion, seen, Input.PaymentMethod), View, ct);
        switch (result.Problem)
        {
            case OrderPlacement.Problem.None:
                TempData["Status"] = (result.PlacedBefore ? t["Checkout.PlacedBefore", result.Purchase!.Number] : t["Checkout.Placed", result.Purchase!.Number]).Value;
                return await ToPaymentAsync(result.Purchase, ct);
            case OrderPlacement.Problem.EmptyCart:
                return RedirectToPage("/Cart/Index");
            case OrderPlacement.Problem.DeliveryTooSoon:
                ModelState.AddModelError("Input.RequestedDeliveryDate", t["Checkout.DeliveryTooSoon", result.EarliestDelivery.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                break;
            case OrderPlacement.Problem.UnknownAddress:
                ModelState.AddModelError("Input.DeliveryAddressId", t["Checkout.UnknownAddress"]);
                break;
            case OrderPlacement.Problem.OrganisationMayNotOrder:
                ModelState.AddModelError(string.Empty, t["Checkout.OrganisationMayNotOrder"]);
                break;
            case OrderPlacement.Problem.CartChanged:
                View = result.Cart;
                EarliestDelivery = result.EarliestDelivery;
                Changes = Describe(seen, result.Cart);
                ModelState.AddModelError(string.Empty, t["Checkout.CartChanged"]);
                break;
        }
        // The form now carries the lines as they are shown this time.
        ModelState.Remove(nameof(Seen));
        Seen = FormatSeen(View);
        return Page();
    }

    /// <summary>
    /// After placing (or finding the purchase a resent form placed): by card, on to Stripe's card page for the orders
    /// due now (the same page again for a resent form); by invoice, the invoice the placement recorded is sent now.
    /// </summary>
    private async Task<IActionResult> ToPaymentAsync(Purchase purchase, CancellationToken ct)
    {
        var method = await db.Purchases.Where(p => p.Id == purchase.Id).Select(p => p.PaymentMethod).SingleAsync(ct);
        if (method == PaymentMethod.Card)
        {
            var opened = await payments.OpenAsync(purchase.Id, PaymentRequestKind.Card, actor.UserId, ct);
            if (opened.Outcome is PaymentRequests.Outcome.Opened or PaymentRequests.Outcome.AlreadyOpen)
            {
                var next = await Orders.PaymentRedirect.AfterOpenAsync(opened, purchase.Id, PaymentRequestKind.Card, outbox, db, t, ct);
                if (next.Url is not null) return Redirect(next.Url);
                TempData["Status"] = next.Message;
            }
        }
        else if (method == PaymentMethod.Invoice)
        {
            await outbox.SendForPurchaseAsync(purchase.Id, ct);
        }
        return RedirectToPage("/Orders/Purchase", new { id = purchase.Id });
    }

    public static string FormatSeen(CartView view) => string.Join(';', view.Items.Select(i =>
        FormattableString.Invariant($"{i.Quote.Listing.Id}:{i.Quote.Quantity}:{i.Quote.UnitPriceFen ?? 0}")));

    public static IReadOnlyList<OrderPlacement.SeenLine> ParseSeen(string? text)
    {
        var lines = new List<OrderPlacement.SeenLine>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = part.Split(':');
            if (fields.Length == 3
                && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var listing)
                && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
                && long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var price))
                lines.Add(new(listing, quantity, price));
        }
        // A line sent twice is a tampered form: it then differs from the cart, which is what the buyer sees next.
        return lines.DistinctBy(l => l.ListingId).ToList();
    }

    private IReadOnlyList<string> Describe(IReadOnlyList<OrderPlacement.SeenLine> seen, CartView now)
    {
        var changes = new List<string>();
        var before = seen.ToDictionary(s => s.ListingId);
        foreach (var item in now.Items)
        {
            var q = item.Quote;
            if (!before.TryGetValue(q.Listing.Id, out var was)) changes.Add(t["Checkout.Change.Added", q.Listing.Title]);
            else if (was.Quantity != q.Quantity) changes.Add(t["Checkout.Change.Quantity", q.Listing.Title, was.Quantity, q.Quantity, q.Listing.Unit]);
            else if (q.UnitPriceFen is { } price && was.UnitPriceFen != price)
                changes.Add(t["Checkout.Change.Price", q.Listing.Title, Core.Money.Fen.Format(was.UnitPriceFen), Core.Money.Fen.Format(price), q.Listing.Unit]);
            if (!q.IsOrderable) changes.Add($"{q.Listing.Title}: {CartText.Problem(t, q)}");
        }
        var titles = now.Items.Select(i => i.Quote.Listing.Id).ToHashSet();
        changes.AddRange(seen.Where(s => !titles.Contains(s.ListingId)).Select(s => t["Checkout.Change.Removed", Core.Catalog.Listing.CodeOf(s.ListingId)].Value));
        return changes;
    }

    private async Task LoadAsync(CurrentActor.OrganisationSeat seat, CancellationToken ct)
    {
        View = await cart.LoadAsync(actor.UserId!, seat.OrganisationId, ct);
        OrganisationId = seat.OrganisationId;
        EarliestDelivery = placement.EarliestDelivery(View);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == seat.OrganisationId)
            .Select(o => new
            {
                o.ApprovalThresholdFen,
                o.Status,
                Addresses = o.DeliveryAddresses.OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id)
                    .Select(a => new AddressOption(a.Id, a.Label, a.Address, a.IsDefault)).ToList(),
            })
            .SingleAsync(ct);
        ThresholdFen = organisation.ApprovalThresholdFen;
        MayOrder = organisation.Status == VerificationStatus.Verified;
        Addresses = organisation.Addresses;
        Seen ??= FormatSeen(View);
        if (string.IsNullOrEmpty(Seen)) Seen = FormatSeen(View);
    }

    public bool NeedsApproval(CartSupplier supplier) => Core.Organisations.Organisation.NeedsApproval(ThresholdFen, supplier.TotalFen);
}
