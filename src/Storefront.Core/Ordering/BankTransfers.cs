using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Payments;

namespace Storefront.Core.Ordering;

/// <summary>
/// Records a bank transfer an admin reads on the collection account's statement, and shares it among the purchase's
/// orders by <see cref="TransferAllocation"/>; the orders it completes become Paid and count towards the quota through
/// <see cref="PaymentConfirmation"/>, in the same transaction. Every share raises its order's version, so two admins
/// recording transfers for the same order at once cannot both spend what it owed: the second is worked out again on
/// what the first left (up to three times), and an order is never paid, or counted, twice.
/// </summary>
public sealed class BankTransfers(StorefrontDbContext db, PaymentConfirmation confirmation, TimeProvider clock)
{
    private const int Attempts = 3;

    public sealed record Request(
        long PurchaseId,
        long AmountFen,
        DateTime PaidAtUtc,
        string Payer,
        string Reference,
        string? RecordedByUserId,
        string RecordedByName,
        string? Note = null,
        // The orders the admin says the transfer pays; null or empty: every order that owes, oldest first.
        IReadOnlyCollection<long>? OrderIds = null);

    public enum Outcome
    {
        Recorded,
        /// <summary>This transfer (same reference, purchase and amount) was recorded before: nothing changed.</summary>
        AlreadyRecorded,
        /// <summary>The reference is another transfer's (on this or another purchase): nothing changed.</summary>
        ReferenceTaken,
        NotFound,
        /// <summary>No order of the purchase owes anything now: the money would all be surplus.</summary>
        NothingOwed,
        /// <summary>An order the admin named does not owe anything now (not approved, paid, cancelled, or with an open online payment).</summary>
        OrderNotOwing,
        /// <summary>The orders kept changing under the recording: nothing changed; try again.</summary>
        Conflict,
    }

    public sealed record Result(Outcome Outcome, BankTransfer? Transfer = null, TransferAllocation.Plan? Plan = null, string? OtherPurchaseNumber = null);

    public async Task<Result> RecordAsync(Request request, CancellationToken ct = default)
    {
        var reference = request.Reference.Trim();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await SameReferenceAsync(request, reference, ct) is { } seen) return seen;

            var purchase = await db.Purchases
                .Include(p => p.Orders).ThenInclude(o => o.Lines)
                .AsSplitQuery()
                .FirstOrDefaultAsync(p => p.Id == request.PurchaseId, ct);
            if (purchase is null) return new(Outcome.NotFound);
            var owing = await OwingAsync(request.PurchaseId, ct);
            if (owing.Count == 0) return new(Outcome.NothingOwed);
            if (request.OrderIds is { Count: > 0 } chosen && chosen.Except(owing.Select(o => o.OrderId)).Any()) return new(Outcome.OrderNotOwing);
            var plan = TransferAllocation.Allocate(request.AmountFen, owing, request.OrderIds);

            var now = clock.GetUtcNow().UtcDateTime;
            var paidAt = DateTime.SpecifyKind(request.PaidAtUtc, DateTimeKind.Utc);
            var transfer = new BankTransfer
            {
                PurchaseId = purchase.Id,
                AmountFen = request.AmountFen,
                PaidAtUtc = paidAt,
                Payer = request.Payer.Trim(),
                Reference = reference,
                Note = request.Note.TrimmedOrNull(),
                RecordedByUserId = request.RecordedByUserId,
                RecordedAtUtc = now,
            };
            transfer.Shares.AddRange(plan.Shares.Select(s => new BankTransferShare { OrderId = s.OrderId, AmountFen = s.AmountFen }));
            var ending = await OrderingTransaction.RunAsync(db, async () =>
            {
                db.BankTransfers.Add(transfer);
                var shared = plan.Shares.Select(s => s.OrderId).ToHashSet();
                foreach (var order in purchase.Orders.Where(o => shared.Contains(o.Id))) order.Touch();
                var completed = plan.CompletedOrderIds.ToHashSet();
                if (completed.Count == 0)
                {
                    await db.SaveChangesAsync(ct);
                    return true;
                }
                var paid = purchase.Orders.Where(o => completed.Contains(o.Id)).OrderBy(o => o.Sequence).ToList();
                var payment = new Payment
                {
                    PurchaseId = purchase.Id,
                    Method = PaymentMethod.BankTransfer,
                    AmountFen = paid.Sum(o => o.TotalFen),
                    PaidAtUtc = paidAt,
                    Reference = reference,
                    Note = transfer.Note,
                    RecordedByUserId = request.RecordedByUserId,
                    RecordedAtUtc = now,
                };
                // Saved with the transfer and its shares: a concurrent share of the same order fails this save.
                await confirmation.PayAsync(purchase, paid, payment, request.RecordedByName, ct);
                transfer.PaymentId = payment.Id;
                return true;
            }, ct, isDuplicate: async () => await db.BankTransfers.AnyAsync(t => t.Reference == reference, ct));

            switch (ending)
            {
                case OrderingTransaction.Ending.Committed:
                    return new(Outcome.Recorded, transfer, plan);
                case OrderingTransaction.Ending.Duplicate:
                    return await SameReferenceAsync(request, reference, ct) ?? new(Outcome.Conflict);
            }
            // Conflict: another recording (or a step on an order) came first; work it out again on what it left.
        }
        return new(Outcome.Conflict);
    }

    /// <summary>
    /// The purchase's orders that may take a transfer, with what each still owes: approved and not paid, and not
    /// covered by an open card page or invoice (an admin withdraws that first).
    /// </summary>
    public async Task<IReadOnlyList<TransferAllocation.Owing>> OwingAsync(long purchaseId, CancellationToken ct = default)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PurchaseId == purchaseId && o.Status == OrderStatus.Approved
                && !db.PaymentRequestOrders.Any(x => x.OrderId == o.Id
                    && db.PaymentRequests.Any(r => r.Id == x.PaymentRequestId && (r.Status == PaymentRequestStatus.Pending || r.Status == PaymentRequestStatus.Open))))
            .Select(o => new { o.Id, o.Sequence, o.TotalFen, Received = db.BankTransferShares.Where(s => s.OrderId == o.Id).Sum(s => (long?)s.AmountFen) ?? 0 })
            .ToListAsync(ct);
        return orders.Select(o => new TransferAllocation.Owing(o.Id, o.Sequence, o.TotalFen, o.TotalFen - o.Received))
            .Where(o => o.OwedFen > 0).OrderBy(o => o.Sequence).ToList();
    }

    private async Task<Result?> SameReferenceAsync(Request request, string reference, CancellationToken ct)
    {
        var before = await db.BankTransfers.AsNoTracking().Include(t => t.Shares).FirstOrDefaultAsync(t => t.Reference == reference, ct);
        // A transfer recorded before transfers were kept one by one is only a payment of the purchase.
        if (before is null && await db.Payments.AnyAsync(p => p.PurchaseId == request.PurchaseId && p.Method == PaymentMethod.BankTransfer && p.Reference == reference, ct))
            return new(Outcome.AlreadyRecorded);
        if (before is null) return null;
        if (before.PurchaseId == request.PurchaseId && before.AmountFen == request.AmountFen) return new(Outcome.AlreadyRecorded, before);
        var number = await db.Purchases.Where(p => p.Id == before.PurchaseId).Select(p => p.Number).FirstAsync(ct);
        return new(Outcome.ReferenceTaken, before, OtherPurchaseNumber: number);
    }
}
