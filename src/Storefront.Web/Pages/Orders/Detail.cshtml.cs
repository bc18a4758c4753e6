using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Photos;
using Storefront.Core.Suppliers;
using Storefront.Web.Pages.Cart;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Papers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/{id}: one of the organisation's orders with its history. Its buyers cancel it before payment, confirm
/// receipt of each shipment, and order it again. An order of another organisation is not found.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class DetailModel(
    StorefrontDbContext db,
    OrderWorkflow workflow,
    OrderPapers papers,
    SupplierRatings ratings,
    ISupplierDocumentStore photos,
    IPhotoProcessor images,
    Core.Fapiao.FapiaoDesk fapiaoDesk,
    Core.Ordering.Cart cart,
    CurrentActor actor,
    TimeProvider clock,
    Core.Payments.PaymentRequests payments,
    Core.Settings.PlatformSettings settings,
    IStringLocalizer<SharedResource> t) : OrganisationPageModel
{
    /// <summary>How to pay this order by transfer, while one is due (offline, or once transfers started paying it); else null.</summary>
    public TransferInstructions? Transfer { get; private set; }

    public OrderView Order { get; private set; } = null!;
    /// <summary>The agreement and delivery date a standing order was made for; null for an order from a cart.</summary>
    public (long AgreementId, DateOnly Date)? Standing { get; private set; }
    public OrderPayment Payment { get; private set; } = null!;
    public FapiaoView Fapiao { get; private set; } = null!;
    public bool IsBuyer { get; private set; }
    public bool IsApprover { get; private set; }

    [BindProperty, Display(Name = "Field.CancelReason")]
    [StringLength(Core.Ordering.Order.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    public string? CancelReason { get; set; }

    // Named explicitly: unnamed, a form without these fields would have all its other fields bound as keys.
    [BindProperty(Name = "Accepted")] public Dictionary<long, int> Accepted { get; set; } = [];
    [BindProperty] public string? ReceiptNote { get; set; }
    [BindProperty(Name = "Shortfall")] public Dictionary<long, ShortfallKind?> Shortfall { get; set; } = [];
    [BindProperty] public IFormFile? ReceiptPhoto { get; set; }

    [BindProperty] public int? Stars { get; set; }
    [BindProperty] public string? RatingComment { get; set; }

    /// <summary>The organisation's rating of this order's supplier, once left.</summary>
    public SupplierRating? Rating { get; private set; }
    public bool MayRate => IsBuyer && Rating is null && Order.Shipments.Any(s => s.ReceivedAtUtc is not null);

    private const long MaxRequestBytes = SupplierDocuments.MaxBytes + 64 * 1024;

    /// <summary>After "order again": what went into the cart and what could not, with why.</summary>
    public IReadOnlyList<string> ReorderReport { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostCancelAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        if (await BuyerOrderAsync(id, ct) is not { } order) return NotFound();
        var result = await workflow.CancelAsync(order, actor.AsOrderActor(), CancelReason, ct);
        return await AfterAsync(id, result, t["Orders.Cancelled"], ct);
    }

    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostReceiveAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct)
    {
        if (await BuyerOrderAsync(id, ct) is not { } order) return NotFound();
        if (!ModelState.IsValid)
        {
            // A quantity that is not a number is never taken as "all accepted".
            await LoadAsync(id, ct);
            ModelState.AddModelError(string.Empty, t["Orders.AcceptedNotANumber"]);
            return Page();
        }
        var draft = new OrderWorkflow.ReceiptDraft(Accepted, ReceiptNote,
            Shortfall.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!.Value));
        var check = workflow.CheckReceipt(order, shipmentId, draft);
        if (check.Outcome == OrderWorkflow.Outcome.UnknownShipment) return NotFound();
        if (!check.Succeeded || ReceiptPhoto is null || ReceiptPhoto.Length == 0)
            return await AfterAsync(id, check.Succeeded ? await workflow.ReceiveAsync(order, shipmentId, actor.AsOrderActor(), draft, ct) : check, t["Orders.Received"], ct);

        // The photo is stored only for a receipt that passed its checks, and removed again if the receipt is not saved.
        var (upload, problem) = await OrderPaperFiles.ReadPhotoAsync(ReceiptPhoto, images, ct);
        if (upload is null)
        {
            await LoadAsync(id, ct);
            ModelState.AddModelError(string.Empty, t[$"Orders.PhotoProblem.{problem}"]);
            return Page();
        }
        var name = Guid.NewGuid().ToString("N") + upload.Type.Extension;
        await photos.SaveAsync(name, upload.Bytes, ct);
        var result = await workflow.ReceiveAsync(order, shipmentId, actor.AsOrderActor(), draft with { PhotoName = name, PhotoContentType = upload.Type.ContentType }, ct);
        if (!result.Succeeded) await photos.DeleteAsync(name, ct);
        return await AfterAsync(id, result, t["Orders.Received"], ct);
    }

    /// <summary>The organisation rates the supplier once per order, after accepting something of it.</summary>
    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostRateAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        if (await BuyerOrderAsync(id, ct) is not { } order) return NotFound();
        var outcome = Stars is { } stars
            ? await ratings.RateAsync(order, actor.UserId!, stars, RatingComment, ct)
            : SupplierRatings.Outcome.StarsOutOfRange;
        if (outcome == SupplierRatings.Outcome.Done)
        {
            TempData["Status"] = t["Rating.Saved"].Value;
            return RedirectToPage(new { id });
        }
        await LoadAsync(id, ct);
        ModelState.AddModelError(string.Empty, t[$"Rating.Outcome.{outcome}", SupplierRating.CommentMaxLength]);
        return Page();
    }

    public Task<IActionResult> OnGetDeliveryNoteAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PaperAsync(this, papers, OwnOrders, id, shipmentId, OrderPaperFiles.Kind.DeliveryNote, ct);

    public Task<IActionResult> OnGetAcceptanceRecordAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PaperAsync(this, papers, OwnOrders, id, shipmentId, OrderPaperFiles.Kind.AcceptanceRecord, ct);

    public Task<IActionResult> OnGetReceiptPhotoAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Shipment)] long shipmentId, CancellationToken ct) =>
        OrderPaperFiles.PhotoAsync(this, db, photos, OwnOrders, id, shipmentId, ct);

    private IQueryable<Core.Ordering.Order> OwnOrders
    {
        get
        {
            var organisationId = Seat.OrganisationId;
            return db.Orders.Where(o => o.OrganisationId == organisationId);
        }
    }

    [OrganisationPage(OrganisationRoles.Buyer)]
    public async Task<IActionResult> OnPostReorderAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        var seat = Seat;
        if (!await LoadAsync(id, ct)) return NotFound();
        var outcomes = await cart.AddAsync(actor.UserId!, seat.OrganisationId,
            Order.Lines.Select((l, i) => new Core.Ordering.Cart.Addition(l.ListingId, l.Quantity, i + 1)).ToList(), ct);
        var report = new List<string>();
        foreach (var (outcome, line) in outcomes.Zip(Order.Lines))
        {
            if (outcome.Refused is not null) report.Add($"{line.Title}: {CartText.Refusal(t, outcome)}");
            else if (outcome.Listing is { } listing && LinePricing.Quote(listing, line.Quantity).UnitPriceFen is { } now && now != line.UnitPriceFen)
                report.Add(t["Orders.ReorderPriceChanged", line.Title, Fen.Format(line.UnitPriceFen), Fen.Format(now), line.Unit]);
        }
        if (report.Count == 0)
        {
            TempData["Status"] = t["Orders.Reordered", outcomes.Count].Value;
            return RedirectToPage("/Cart/Index");
        }
        ReorderReport = report;
        return Page();
    }

    private async Task<IActionResult> AfterAsync(long id, OrderWorkflow.Result result, string done, CancellationToken ct)
    {
        if (result.Succeeded)
        {
            TempData["Status"] = done;
            return RedirectToPage(new { id });
        }
        await LoadAsync(id, ct);
        ModelState.AddModelError(string.Empty, OrderText.Outcome(t, result));
        return Page();
    }

    /// <summary>The order, tracked for a change; the handlers that call this are for buyers.</summary>
    private Task<Core.Ordering.Order?> BuyerOrderAsync(long id, CancellationToken ct) => workflow.FindAsync(id, organisationId: Seat.OrganisationId, ct: ct);

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var seat = Seat;
        IsBuyer = seat.Holds(OrganisationRoles.Buyer);
        IsApprover = seat.Holds(OrganisationRoles.Approver);
        var order = await OrderView.LoadAsync(db, db.Orders.Where(o => o.OrganisationId == seat.OrganisationId), id, ct);
        if (order is null) return false;
        Order = order;
        Standing = await Shared.StandingOrigin.LoadAsync(db, id, ct);
        Payment = await OrderPayment.LoadAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        Rating = await db.SupplierRatings.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == id, ct);
        Fapiao = await FapiaoView.LoadAsync(db, fapiaoDesk, id, order.Status, ct);
        if (Payment.State is PaymentState.AwaitingPayment or PaymentState.PartlyPaid && (!payments.IsEnabled || Payment.ReceivedByTransferFen > 0))
            Transfer = new TransferInstructions(await settings.CollectionAccountAsync(ct), order.PurchaseNumber, Payment.OwedFen, $"/orders/purchases/{order.PurchaseId}/notice");
        return true;
    }
}
