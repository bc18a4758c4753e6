using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Notifications;
using Storefront.Core.Organisations;

namespace Storefront.Core.Ordering;

/// <summary>
/// What people do to an order after checkout: approve or reject (approvers), cancel and confirm receipt (buyers),
/// accept, decline and ship (suppliers). Each step checks the order's state, changes it through the table of
/// transitions, moves stock where needed, writes the history and tells whoever must act next, in one transaction.
/// Who may act on which order is the caller's to decide, by finding the order through <see cref="FindAsync"/> scoped
/// to the person's organisation or supplier.
/// </summary>
public sealed class OrderWorkflow(StorefrontDbContext db, StockReservations stock, Notifier notifier, Payments.PaymentRequests payments, TimeProvider clock)
{
    public sealed record Actor(string UserId, string Name);

    public enum Outcome
    {
        Done,
        /// <summary>The order is not in a state that allows this step.</summary>
        NotNow,
        /// <summary>A listing no longer has the stock the order needs; nothing changed.</summary>
        NotEnoughStock,
        ReasonRequired,
        /// <summary>An approver may not approve the order they submitted themselves.</summary>
        OwnOrder,
        /// <summary>Someone else changed the order meanwhile; nothing changed.</summary>
        Conflict,
        NotAccepted,
        NothingToShip,
        QuantityTooLarge,
        CarrierRequired,
        UnknownShipment,
        AlreadyReceived,
        /// <summary>Less was accepted than shipped, and no note says why.</summary>
        NoteRequired,
        /// <summary>A card payment or an invoice is open for the order: withdraw it first.</summary>
        PaymentInProgress,
        /// <summary>An approver's decision named no order, or the same order to approve and to reject.</summary>
        NothingChosen,
        /// <summary>A line was accepted short without saying whether units were missing, damaged or not as ordered.</summary>
        ShortfallKindRequired,
    }

    public sealed record Result(Outcome Outcome, string? ListingTitle = null)
    {
        public bool Succeeded => Outcome == Outcome.Done;
    }

    /// <summary>The order with everything the steps need, tracked, or null when it is not within the scope given.</summary>
    public Task<Order?> FindAsync(long orderId, int? organisationId = null, int? supplierId = null, CancellationToken ct = default) =>
        db.Orders
            .Include(o => o.Purchase)
            .Include(o => o.Lines)
            .Include(o => o.Shipments).ThenInclude(s => s.Lines)
            .Include(o => o.Shipments).ThenInclude(s => s.Receipt!).ThenInclude(r => r.Lines)
            .AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == orderId
                && (organisationId == null || o.OrganisationId == organisationId)
                && (supplierId == null || o.SupplierId == supplierId), ct);

    /// <summary>
    /// An approver's one decision on a purchase that waits (<see cref="ApprovalThreshold"/>): the orders named in
    /// <paramref name="approve"/> go on to payment and take their stock, those in <paramref name="reject"/> are rejected
    /// (驳回) with the reason, the others keep waiting. All of it in one transaction: if one approved order's stock has
    /// gone, nothing changes. The buyer hears once, whatever the number of orders; each approved order's supplier once.
    /// </summary>
    public async Task<Result> DecideAsync(long purchaseId, int organisationId, IReadOnlyCollection<long> approve, IReadOnlyCollection<long> reject,
        Actor approver, string? comment, CancellationToken ct = default)
    {
        if (approve.Count + reject.Count == 0 || approve.Intersect(reject).Any()) return new(Outcome.NothingChosen);
        var purchase = await db.Purchases
            .Include(p => p.Orders.Where(o => approve.Contains(o.Id) || reject.Contains(o.Id))).ThenInclude(o => o.Lines)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == purchaseId && p.OrganisationId == organisationId, ct);
        if (purchase is null) return new(Outcome.NotNow);
        var approved = purchase.Orders.Where(o => approve.Contains(o.Id)).OrderBy(o => o.Sequence).ToList();
        var rejected = purchase.Orders.Where(o => reject.Contains(o.Id)).OrderBy(o => o.Sequence).ToList();
        if (approved.Count != approve.Count || rejected.Count != reject.Count
            || purchase.Orders.Any(o => o.Status != OrderStatus.PendingApproval)) return new(Outcome.NotNow);
        if (purchase.BuyerUserId == approver.UserId) return new(Outcome.OwnOrder);
        if (rejected.Count > 0 && string.IsNullOrWhiteSpace(comment)) return new(Outcome.ReasonRequired);
        var now = Now;
        OrderLine? short_ = null;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            foreach (var order in approved) order.Approve(approver.UserId, now);
            if (approved.Count > 0)
            {
                short_ = await stock.ReserveAsync(approved, ct);
                if (short_ is not null) return false;
            }
            foreach (var order in approved) order.Record(OrderEventKind.Approved, approver.UserId, approver.Name, now, comment);
            foreach (var order in rejected)
            {
                order.Cancel(CancellationKind.RejectedByApprover, comment, now);
                order.Record(OrderEventKind.Rejected, approver.UserId, approver.Name, now, comment);
            }
            var buyer = await notifier.PersonAsync(purchase.BuyerUserId, ct);
            if (approved.Count > 0)
            {
                await payments.OrdersDueAsync(purchase, approved, approver.UserId, ct);
                notifier.Notify(buyer, NotificationKind.OrderAwaitingPayment, purchase.Number, PurchaseLink(purchase.Id));
                var suppliers = await notifier.SupplierMembersAsync(approved.Select(o => o.SupplierId), ct);
                foreach (var order in approved) notifier.Notify(suppliers[order.SupplierId], NotificationKind.OrderToAccept, order.Number, SupplierLink(order));
            }
            if (rejected.Count > 0) notifier.Notify(buyer, NotificationKind.PurchaseRejected, purchase.Number, PurchaseLink(purchase.Id));
            return true;
        }, ct);
        return short_ is not null ? new(Outcome.NotEnoughStock, short_.Title) : Ended(ending);
    }

    /// <summary>Approves one order of its purchase (<see cref="DecideAsync"/> with that order alone).</summary>
    public Task<Result> ApproveAsync(Order order, Actor approver, string? comment, CancellationToken ct = default) =>
        order.Status != OrderStatus.PendingApproval ? Task.FromResult(new Result(Outcome.NotNow))
            : DecideAsync(order.PurchaseId, order.OrganisationId, [order.Id], [], approver, comment, ct);

    /// <summary>Rejects one order of its purchase, with a reason (<see cref="DecideAsync"/> with that order alone).</summary>
    public Task<Result> RejectAsync(Order order, Actor approver, string? reason, CancellationToken ct = default) =>
        order.Status != OrderStatus.PendingApproval ? Task.FromResult(new Result(Outcome.NotNow))
            : DecideAsync(order.PurchaseId, order.OrganisationId, [], [order.Id], approver, reason, ct);

    /// <summary>The buyer cancels before payment; a paid order is refunded instead, which the payments issue adds.</summary>
    public async Task<Result> CancelAsync(Order order, Actor buyer, string? reason, CancellationToken ct = default)
    {
        if (!OrderTransitions.MayCancel(order.Status)) return new(Outcome.NotNow);
        if (await payments.CoversAsync(order.Id, ct)) return new(Outcome.PaymentInProgress);
        var supplierKnew = order.Status == OrderStatus.Approved;
        return await EndAsync(order, CancellationKind.CancelledByBuyer, OrderEventKind.Cancelled, buyer, reason, async () =>
        {
            if (supplierKnew)
                notifier.Notify(await notifier.SupplierMembersAsync(order.SupplierId, ct), NotificationKind.OrderCancelled, order.Number, SupplierLink(order));
        }, ct);
    }

    /// <summary>The supplier takes the order on: from approval until it ships.</summary>
    public async Task<Result> AcceptAsync(Order order, Actor supplier, CancellationToken ct = default)
    {
        if (order.Status is not (OrderStatus.Approved or OrderStatus.Paid) || order.AcceptedAtUtc is not null) return new(Outcome.NotNow);
        var now = Now;
        var ending = await OrderingTransaction.RunAsync(db, () =>
        {
            order.Accept(now);
            order.Record(OrderEventKind.Accepted, supplier.UserId, supplier.Name, now);
            return Task.FromResult(true);
        }, ct);
        return Ended(ending);
    }

    /// <summary>The supplier declines, with a reason, before accepting and before payment.</summary>
    public async Task<Result> DeclineAsync(Order order, Actor supplier, string? reason, CancellationToken ct = default)
    {
        if (order.Status != OrderStatus.Approved || order.AcceptedAtUtc is not null) return new(Outcome.NotNow);
        if (string.IsNullOrWhiteSpace(reason)) return new(Outcome.ReasonRequired);
        if (await payments.CoversAsync(order.Id, ct)) return new(Outcome.PaymentInProgress);
        return await EndAsync(order, CancellationKind.DeclinedBySupplier, OrderEventKind.Declined, supplier, reason,
            async () => notifier.Notify(await notifier.PersonAsync(order.Purchase.BuyerUserId, ct), NotificationKind.OrderDeclined, order.Number, BuyerLink(order)), ct);
    }

    /// <summary>
    /// Ends the order of a standing delivery that is skipped by the buyer or declined by the supplier: before payment and
    /// before the supplier accepted it, by the same path as a cancellation (stock returned, history, the other side told).
    /// <paramref name="alongside"/> records the delivery's new state in the same transaction.
    /// </summary>
    public async Task<Result> EndStandingAsync(Order order, CancellationKind kind, Actor actor, string reason, Func<Task> alongside, CancellationToken ct = default)
    {
        if (order.Status is not (OrderStatus.PendingApproval or OrderStatus.Approved) || order.AcceptedAtUtc is not null) return new(Outcome.NotNow);
        if (await payments.CoversAsync(order.Id, ct)) return new(Outcome.PaymentInProgress);
        var supplierKnew = order.Status == OrderStatus.Approved;
        var eventKind = kind == CancellationKind.DeclinedBySupplier ? OrderEventKind.Declined : OrderEventKind.Cancelled;
        return await EndAsync(order, kind, eventKind, actor, reason, async () =>
        {
            if (kind == CancellationKind.DeclinedBySupplier)
                notifier.Notify(await notifier.PersonAsync(order.Purchase.BuyerUserId, ct), NotificationKind.OrderDeclined, order.Number, BuyerLink(order));
            else if (supplierKnew)
                notifier.Notify(await notifier.SupplierMembersAsync(order.SupplierId, ct), NotificationKind.OrderCancelled, order.Number, SupplierLink(order));
            await alongside();
        }, ct);
    }

    public sealed record ShipmentDraft(string? Carrier, string? TrackingNumber, IReadOnlyDictionary<long, int> Quantities);

    /// <summary>Ships some or all of what remains of a paid, accepted order.</summary>
    public async Task<Result> ShipAsync(Order order, Actor supplier, ShipmentDraft draft, CancellationToken ct = default)
    {
        if (!OrderTransitions.MayShip(order.Status)) return new(Outcome.NotNow);
        if (order.AcceptedAtUtc is null) return new(Outcome.NotAccepted);
        if (string.IsNullOrWhiteSpace(draft.Carrier)) return new(Outcome.CarrierRequired);
        var lines = new List<ShipmentLine>();
        foreach (var line in order.Lines)
        {
            var quantity = draft.Quantities.GetValueOrDefault(line.Id);
            if (quantity < 0 || quantity > line.Quantity - order.ShippedQuantity(line.Id)) return new(Outcome.QuantityTooLarge, line.Title);
            if (quantity > 0) lines.Add(new ShipmentLine { OrderLineId = line.Id, Quantity = quantity });
        }
        if (lines.Count == 0) return new(Outcome.NothingToShip);
        var now = Now;
        var shipment = new Shipment
        {
            Sequence = order.Shipments.Count + 1,
            Carrier = draft.Carrier.Trim(),
            TrackingNumber = draft.TrackingNumber.TrimmedOrNull(),
            ShippedAtUtc = now,
            ShippedByUserId = supplier.UserId,
        };
        shipment.Lines.AddRange(lines);
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            order.Shipments.Add(shipment);
            order.SettleFulfilment(now);
            order.Record(OrderEventKind.Shipped, supplier.UserId, supplier.Name, now,
                shipment.TrackingNumber is null ? shipment.Carrier : $"{shipment.Carrier} {shipment.TrackingNumber}");
            notifier.Notify(await notifier.PersonAsync(order.Purchase.BuyerUserId, ct), NotificationKind.ShipmentToReceive, order.Number, BuyerLink(order));
            return true;
        }, ct);
        return Ended(ending);
    }

    /// <summary>
    /// What the buyer records at acceptance (验收) of one shipment: the quantity accepted of each of its lines (missing
    /// lines count as all accepted), why each short line is short, a note (required when anything was not accepted), and
    /// the stored name of an optional photo of the problem.
    /// </summary>
    public sealed record ReceiptDraft(
        IReadOnlyDictionary<long, int> Accepted, string? Note,
        IReadOnlyDictionary<long, ShortfallKind>? Shortfalls = null, string? PhotoName = null, string? PhotoContentType = null);

    /// <summary>
    /// Checks a receipt without changing anything, so that the page can store a photo only for a receipt that will be
    /// taken. <see cref="ReceiveAsync"/> makes the same checks.
    /// </summary>
    public Result CheckReceipt(Order order, long shipmentId, ReceiptDraft draft) => Draft(order, shipmentId, draft, DateTime.MinValue, "").Result;

    private (Result Result, Shipment? Shipment, Receipt? Receipt) Draft(Order order, long shipmentId, ReceiptDraft draft, DateTime now, string userId)
    {
        var shipment = order.Shipments.FirstOrDefault(s => s.Id == shipmentId);
        if (shipment is null) return (new(Outcome.UnknownShipment), null, null);
        if (shipment.Receipt is not null) return (new(Outcome.AlreadyReceived), null, null);
        var receipt = new Receipt
        {
            ReceivedAtUtc = now, ReceivedByUserId = userId, Note = draft.Note.TrimmedOrNull(),
            PhotoName = draft.PhotoName, PhotoContentType = draft.PhotoName is null ? null : draft.PhotoContentType,
        };
        foreach (var line in shipment.Lines)
        {
            var title = order.Lines.First(l => l.Id == line.OrderLineId).Title;
            var quantity = draft.Accepted.TryGetValue(line.Id, out var q) ? q : line.Quantity;
            if (quantity < 0 || quantity > line.Quantity) return (new(Outcome.QuantityTooLarge, title), null, null);
            ShortfallKind? shortfall = null;
            if (quantity < line.Quantity)
            {
                if (draft.Shortfalls?.TryGetValue(line.Id, out var kind) != true || !Enum.IsDefined(kind)) return (new(Outcome.ShortfallKindRequired, title), null, null);
                shortfall = kind;
            }
            receipt.Lines.Add(new ReceiptLine { ShipmentLineId = line.Id, AcceptedQuantity = quantity, Shortfall = shortfall });
        }
        if (receipt.Lines.Any(l => l.Shortfall is not null) && receipt.Note is null) return (new(Outcome.NoteRequired), null, null);
        return (new(Outcome.Done), shipment, receipt);
    }

    /// <summary>
    /// The buyer's receipt (验收) of one shipment (see <see cref="ReceiptDraft"/>). The order completes when everything
    /// ordered has been shipped and received. A shortfall is recorded, with its value at the order's unit prices
    /// (<see cref="Order.ShortfallFen"/>), and the supplier is told; it moves no money and does not change what counts
    /// towards the quota: giving money back stays the supplier's (or an admin's) refund, which counts when made.
    /// </summary>
    public async Task<Result> ReceiveAsync(Order order, long shipmentId, Actor buyer, ReceiptDraft draft, CancellationToken ct = default)
    {
        var now = Now;
        var (result, shipment, receipt) = Draft(order, shipmentId, draft, now, buyer.UserId);
        if (!result.Succeeded) return result;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            shipment!.Receipt = receipt;
            order.SettleFulfilment(now);
            order.Record(OrderEventKind.Received, buyer.UserId, buyer.Name, now, receipt!.Note);
            if (order.Status == OrderStatus.Completed) order.Record(OrderEventKind.Completed, null, "", now);
            notifier.Notify(await notifier.SupplierMembersAsync(order.SupplierId, ct), NotificationKind.ShipmentReceived, order.Number, SupplierLink(order));
            return true;
        }, ct);
        return Ended(ending);
    }

    /// <summary>As <see cref="ReceiveAsync(Order, long, Actor, ReceiptDraft, CancellationToken)"/>, without reasons per line or a photo.</summary>
    public Task<Result> ReceiveAsync(Order order, long shipmentId, Actor buyer, IReadOnlyDictionary<long, int> accepted, string? note, CancellationToken ct = default) =>
        ReceiveAsync(order, shipmentId, buyer, new ReceiptDraft(accepted, note), ct);

    private async Task<Result> EndAsync(Order order, CancellationKind kind, OrderEventKind eventKind, Actor actor, string? reason, Func<Task> notify, CancellationToken ct)
    {
        var now = Now;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            await stock.ReleaseAsync(order, ct);
            order.Cancel(kind, reason, now);
            order.Record(eventKind, actor.UserId, actor.Name, now, reason);
            await notify();
            return true;
        }, ct);
        return Ended(ending);
    }

    private static Result Ended(OrderingTransaction.Ending ending) =>
        new(ending == OrderingTransaction.Ending.Committed ? Outcome.Done : Outcome.Conflict);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string BuyerLink(Order order) => $"/orders/{order.Id}";

    public static string SupplierLink(Order order) => $"/supplier/orders/{order.Id}";

    public static string PurchaseLink(long purchaseId) => $"/orders/purchases/{purchaseId}";
}
