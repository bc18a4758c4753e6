using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Organisations;

namespace Storefront.Core.Ordering;

/// <summary>
/// Checkout: the cart becomes one purchase of one order per supplier. Prices are computed here, on the server, and
/// compared with what the buyer was shown; any change of price, quantity or availability is handed back for the buyer
/// to confirm, never applied silently. A purchase below the organisation's threshold (<see cref="ApprovalThreshold"/>)
/// goes straight on to payment and takes its stock in the same transaction; one at or above it waits, all its orders
/// together, for an approver's one decision.
/// </summary>
public sealed class OrderPlacement(StorefrontDbContext db, Cart cart, StockReservations stock, Notifier notifier, Payments.PaymentRequests payments, TimeProvider clock)
{
    /// <summary>A line as the buyer saw it on the checkout page.</summary>
    public sealed record SeenLine(int ListingId, int Quantity, long UnitPriceFen);

    public sealed record Request(
        int OrganisationId,
        string BuyerUserId,
        string BuyerName,
        Guid CheckoutKey,
        int DeliveryAddressId,
        DateOnly RequestedDeliveryDate,
        string? PurchaseOrderReference,
        string? Notes,
        bool IsTradeUnion,
        IReadOnlyList<SeenLine> Seen,
        PaymentMethod PaymentMethod = PaymentMethod.BankTransfer);

    public enum Problem
    {
        None,
        EmptyCart,
        OrganisationMayNotOrder,
        UnknownAddress,
        DeliveryTooSoon,
        /// <summary>A price, a quantity or a line changed since the page was shown, or a line cannot be bought now.</summary>
        CartChanged,
    }

    /// <summary>The purchase placed (or placed before, for a form sent twice), or why not, with the cart as it is now.</summary>
    public sealed record Result(Problem Problem, Purchase? Purchase, bool PlacedBefore, CartView Cart, DateOnly EarliestDelivery);

    /// <summary>The first day a delivery may be asked for: today in Shanghai plus the longest lead time of the lines.</summary>
    public DateOnly EarliestDelivery(CartView view) => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime).AddDays(view.LeadTimeDays);

    /// <summary>Whether the cart differs from what the buyer saw: lines, quantities or prices, or a line not orderable.</summary>
    public static bool Differs(CartView view, IReadOnlyList<SeenLine> seen)
    {
        var items = view.Items.ToList();
        if (items.Count != seen.Count) return true;
        var byListing = seen.ToDictionary(s => s.ListingId);
        return items.Any(i => !byListing.TryGetValue(i.Quote.Listing.Id, out var s)
            || s.Quantity != i.Quote.Quantity
            || s.UnitPriceFen != i.Quote.UnitPriceFen
            || !i.Quote.IsOrderable);
    }

    public Task<Result> PlaceAsync(Request request, CancellationToken ct = default) => PlaceAsync(request, null, ct);

    /// <summary>
    /// Places the cart; <paramref name="loaded"/> is the cart as the caller has just loaded it for the same buyer and
    /// organisation (the checkout page does, to show it), so that it is not loaded and priced twice.
    /// </summary>
    public async Task<Result> PlaceAsync(Request request, CartView? loaded, CancellationToken ct = default)
    {
        if (await FindPlacedAsync(request, ct) is { } placed)
            return new Result(Problem.None, placed, PlacedBefore: true, new CartView([], 0, 0), default);

        var view = loaded ?? await cart.LoadAsync(request.BuyerUserId, request.OrganisationId, ct);
        var earliest = EarliestDelivery(view);
        Result Refuse(Problem problem) => new(problem, null, false, view, earliest);

        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OrganisationId, ct);
        if (organisation is null || !organisation.MayOrder) return Refuse(Problem.OrganisationMayNotOrder);
        if (view.IsEmpty) return Refuse(Problem.EmptyCart);
        if (Differs(view, request.Seen)) return Refuse(Problem.CartChanged);
        var address = await db.DeliveryAddresses.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == request.DeliveryAddressId && a.OrganisationId == request.OrganisationId, ct);
        if (address is null) return Refuse(Problem.UnknownAddress);
        if (request.RequestedDeliveryDate < earliest) return Refuse(Problem.DeliveryTooSoon);

        var now = clock.GetUtcNow().UtcDateTime;
        var purchase = new Purchase
        {
            OrganisationId = organisation.Id,
            BuyerUserId = request.BuyerUserId,
            CheckoutKey = request.CheckoutKey,
            Number = request.CheckoutKey.ToString("N"), // until the id is known
            DeliveryLabel = address.Label,
            DeliveryAddress = address.Address,
            DeliveryRecipient = address.Recipient,
            DeliveryPhone = address.Phone,
            RequestedDeliveryDate = request.RequestedDeliveryDate,
            PurchaseOrderReference = request.PurchaseOrderReference.TrimmedOrNull(),
            Notes = request.Notes.TrimmedOrNull(),
            IsTradeUnion = request.IsTradeUnion,
            PaymentMethod = request.PaymentMethod,
            TotalFen = view.TotalFen,
            CreatedAtUtc = now,
        };
        // The purchase's total decides first; the spend split across checkouts is added once the organisation is locked.
        var waits = Organisation.NeedsApproval(organisation.ApprovalThresholdFen, view.TotalFen);
        var sequence = 0;
        foreach (var supplier in view.Suppliers)
        {
            var lines = supplier.Items.Select(i => new OrderLine
            {
                ListingId = i.Quote.Listing.Id,
                Title = i.Quote.Listing.Title,
                Unit = i.Quote.Listing.Unit,
                Spec = i.Quote.Listing.Spec,
                OriginCountyCode = i.Quote.Listing.OriginCountyCode,
                UnitPriceFen = i.Quote.UnitPriceFen!.Value,
                Quantity = i.Quote.Quantity,
                AmountFen = i.Quote.AmountFen!.Value,
            }).ToList();
            var order = Order.Create(organisation.Id, supplier.SupplierId, ++sequence, lines, waits, now);
            order.Number = $"{purchase.Number}-{sequence}";
            purchase.Orders.Add(order);
        }

        var (ending, outOfStock) = await CommitAsync(organisation, purchase, request.BuyerUserId, request.BuyerName,
            () => cart.Lines(request.BuyerUserId, request.OrganisationId).ExecuteDeleteAsync(ct),
            async () => await FindPlacedAsync(request, ct) is not null, ct);
        switch (ending)
        {
            case OrderingTransaction.Ending.Committed:
                return new Result(Problem.None, purchase, PlacedBefore: false, view, earliest);
            case OrderingTransaction.Ending.Duplicate:
                return new Result(Problem.None, await FindPlacedAsync(request, ct), PlacedBefore: true, view, earliest);
            default:
                // Someone took the last units between the page and this moment: show the cart as it is now.
                if (!outOfStock) throw new InvalidOperationException($"Checkout ended unexpectedly: {ending}.");
                var now2 = await cart.LoadAsync(request.BuyerUserId, request.OrganisationId, ct);
                return new Result(Problem.CartChanged, null, false, now2, EarliestDelivery(now2));
        }
    }

    /// <summary>
    /// A standing order (see Demand.StandingOrders): one line of one listing at a price agreed beforehand rather than
    /// the listing's tier, to be delivered on a date the agreement fixed. <see cref="Key"/> is the purchase's checkout
    /// key, derived from the agreement and date, so a second attempt finds the first.
    /// </summary>
    public sealed record StandingRequest(
        int OrganisationId, string BuyerUserId, string BuyerName, Guid Key, int ListingId, int Quantity, long UnitPriceFen,
        DateOnly DeliveryDate, string DeliveryAddress, string Reference, PaymentMethod PaymentMethod);

    public enum StandingProblem { None, OrganisationMayNotOrder, ListingUnavailable, NotEnoughStock, PlacedBefore, Conflict }

    /// <summary>
    /// Places a standing order through the same transaction as checkout (<see cref="CommitAsync"/>): the approval
    /// threshold, stock, notifications and payment apply to it as to any order. <paramref name="alongside"/> writes, in
    /// that transaction, what records the order's making (the delivery's row): if the row was written meanwhile by another
    /// run, nothing is placed.
    /// </summary>
    public async Task<(StandingProblem Problem, Purchase? Purchase)> PlaceStandingAsync(StandingRequest request, Func<Purchase, Task> alongside,
        Func<Task<bool>> placedMeanwhile, CancellationToken ct = default)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == request.OrganisationId, ct);
        if (organisation is null || !organisation.MayOrder) return (StandingProblem.OrganisationMayNotOrder, null);
        var listing = (await ListingFactsQuery.LoadAsync(db, [request.ListingId], ct)).GetValueOrDefault(request.ListingId);
        if (listing is null || !listing.Available) return (StandingProblem.ListingUnavailable, null);
        if (listing.Stock < request.Quantity) return (StandingProblem.NotEnoughStock, null);
        var canteen = await db.DeliveryAddresses.AsNoTracking().Where(a => a.OrganisationId == organisation.Id)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).FirstOrDefaultAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var purchase = new Purchase
        {
            OrganisationId = organisation.Id,
            BuyerUserId = request.BuyerUserId,
            CheckoutKey = request.Key,
            Number = request.Key.ToString("N"),
            DeliveryLabel = canteen?.Label ?? "",
            DeliveryAddress = request.DeliveryAddress,
            DeliveryRecipient = canteen?.Recipient ?? "",
            DeliveryPhone = canteen?.Phone ?? "",
            RequestedDeliveryDate = request.DeliveryDate,
            PurchaseOrderReference = request.Reference,
            PaymentMethod = request.PaymentMethod,
            TotalFen = checked(request.UnitPriceFen * request.Quantity),
            CreatedAtUtc = now,
        };
        var line = new OrderLine
        {
            ListingId = listing.Id, Title = listing.Title, Unit = listing.Unit, Spec = listing.Spec, OriginCountyCode = listing.OriginCountyCode,
            UnitPriceFen = request.UnitPriceFen, Quantity = request.Quantity, AmountFen = purchase.TotalFen,
        };
        var order = Order.Create(organisation.Id, listing.SupplierId, 1, [line], Organisation.NeedsApproval(organisation.ApprovalThresholdFen, purchase.TotalFen), now);
        order.Number = $"{purchase.Number}-1";
        purchase.Orders.Add(order);

        var (ending, outOfStock) = await CommitAsync(organisation, purchase, request.BuyerUserId, request.BuyerName,
            () => alongside(purchase), placedMeanwhile, ct);
        return ending switch
        {
            OrderingTransaction.Ending.Committed => (StandingProblem.None, purchase),
            OrderingTransaction.Ending.Duplicate => (StandingProblem.PlacedBefore, null),
            OrderingTransaction.Ending.Conflict => (StandingProblem.Conflict, null),
            _ when outOfStock => (StandingProblem.NotEnoughStock, null),
            _ => throw new InvalidOperationException($"A standing order ended unexpectedly: {ending}."),
        };
    }

    /// <summary>
    /// Saves a purchase whose orders are built, in one transaction, by the same rules whatever made it (a cart at
    /// checkout, a standing order of an agreement): the threshold on the spend split across checkouts, the lines in bulk,
    /// the stock of the orders that need no approval (any line short and nothing is saved), the approvers', suppliers'
    /// and buyer's notifications, and the invoice of a purchase paid by invoice. <paramref name="alongside"/> runs last,
    /// in the same transaction, with the orders' ids known.
    /// </summary>
    private async Task<(OrderingTransaction.Ending Ending, bool OutOfStock)> CommitAsync(Organisation organisation, Purchase purchase,
        string buyerUserId, string buyerName, Func<Task> alongside, Func<Task<bool>> isDuplicate, CancellationToken ct)
    {
        var now = purchase.CreatedAtUtc;
        // The lines go in by bulk statements, not through the change tracker (a bulk order has hundreds): they are held
        // apart from their orders until the orders have their ids, and put back once nothing tracks the purchase.
        var linesOf = purchase.Orders.ToDictionary(o => o, o => o.Lines.ToList());
        foreach (var order in purchase.Orders) order.Lines.Clear();

        var outOfStock = false;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            await ApplyThresholdToSplitSpendAsync(organisation, purchase, now, ct);
            db.Purchases.Add(purchase);
            await db.SaveChangesAsync(ct);
            purchase.AssignNumbers();
            foreach (var (order, lines) in linesOf)
                foreach (var line in lines) line.OrderId = order.Id;
            await db.InsertAsync(linesOf.Values.SelectMany(l => l).ToList(), ct);
            // The stock of every order that needs no approval, in one statement; any line short and nothing is placed.
            var due = purchase.Orders.Where(o => o.Status != OrderStatus.PendingApproval).ToList();
            if (await stock.ReserveAsync(due, due.SelectMany(o => linesOf[o]).ToList(), ct) is not null)
            {
                outOfStock = true;
                return false;
            }
            // One message per purchase to each approver: the purchase is one decision, however many orders it has.
            if (due.Count < purchase.Orders.Count)
                notifier.Notify(await notifier.OrganisationMembersAsync(organisation.Id, OrganisationRoles.Approver, except: buyerUserId, ct),
                    NotificationKind.PurchaseAwaitingApproval, purchase.Number, ApprovalLink(purchase.Id));
            var suppliers = await notifier.SupplierMembersAsync(due.Select(o => o.SupplierId), ct);
            foreach (var order in purchase.Orders)
            {
                order.Record(OrderEventKind.Submitted, buyerUserId, buyerName, now, purchase.Notes);
                if (order.Status == OrderStatus.PendingApproval) continue;
                order.Record(OrderEventKind.NoApprovalNeeded, null, "", now);
                notifier.Notify(suppliers[order.SupplierId], NotificationKind.OrderToAccept, order.Number, $"/supplier/orders/{order.Id}");
            }
            // Paid by invoice: the orders due now are invoiced in this transaction (the outbox sends it).
            await payments.OrdersDueAsync(purchase, purchase.Orders, buyerUserId, ct);
            if (purchase.Orders.Any(o => o.Status == OrderStatus.Approved))
                notifier.Notify(await notifier.PersonAsync(buyerUserId, ct), NotificationKind.OrderAwaitingPayment, purchase.Number, $"/orders/purchases/{purchase.Id}");
            await alongside();
            return true;
        }, ct, isDuplicate);

        // What this context tracked of the purchase is done with; untracked, its orders get their lines back safely.
        db.ChangeTracker.Clear();
        foreach (var (order, lines) in linesOf) order.Lines.AddRange(lines);
        return (ending, outOfStock);
    }

    /// <summary>Where an approver decides on the purchase: its panel in the approvals queue.</summary>
    public static string ApprovalLink(long purchaseId) => $"/approvals#purchase-{purchaseId}";

    /// <summary>
    /// The second half of <see cref="ApprovalThreshold"/>: a purchase that would go through alone is sent to an approver,
    /// whole, when what it spends with one supplier joins that supplier's open spend of the last 24 hours to reach the
    /// threshold, so two checkouts of ¥966 under a ¥1,000 threshold send the second to an approver. Run inside the
    /// checkout's transaction, after the organisation's row is locked (PostgreSQL) or the write lock is taken (SQLite's
    /// BEGIN IMMEDIATE), so that two checkouts at the same moment are counted one after the other.
    /// </summary>
    private async Task ApplyThresholdToSplitSpendAsync(Organisation organisation, Purchase purchase, DateTime now, CancellationToken ct)
    {
        if (organisation.ApprovalThresholdFen is not { } threshold) return;
        if (purchase.Orders.Any(o => o.Status == OrderStatus.PendingApproval)) return;
        if (db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM \"Organisations\" WHERE \"Id\" = {organisation.Id} FOR UPDATE", ct);
        var since = now - ApprovalThreshold.SplitSpendWindow;
        var supplierIds = purchase.Orders.Select(o => o.SupplierId).ToList();
        var openSpend = await db.Orders.AsNoTracking()
            .Where(o => o.OrganisationId == organisation.Id && supplierIds.Contains(o.SupplierId) && o.CreatedAtUtc > since
                && o.ApprovedAtUtc != null && o.ApprovedByUserId == null && o.Status != OrderStatus.Cancelled)
            .GroupBy(o => o.SupplierId)
            .Select(g => new { SupplierId = g.Key, TotalFen = g.Sum(o => o.TotalFen) })
            .ToDictionaryAsync(g => g.SupplierId, g => g.TotalFen, ct);
        var spend = purchase.Orders.Select(o => new ApprovalThreshold.SupplierSpend(o.TotalFen, openSpend.GetValueOrDefault(o.SupplierId)));
        if (!ApprovalThreshold.PurchaseNeedsApproval(threshold, purchase.TotalFen, spend)) return;
        foreach (var order in purchase.Orders) order.RequireApproval();
    }

    private Task<Purchase?> FindPlacedAsync(Request request, CancellationToken ct) =>
        db.Purchases.AsNoTracking().FirstOrDefaultAsync(p => p.CheckoutKey == request.CheckoutKey && p.BuyerUserId == request.BuyerUserId, ct);

    private static string? Blank(string? text) => text.TrimmedOrNull();
}
