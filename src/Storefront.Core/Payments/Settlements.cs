using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Core.Payments;

/// <summary>
/// What a supplier has been paid for, what was given back, what is owed to it and what has been paid out to it.
/// Reading: an order is owed to the supplier once it is completed (everything shipped and received, 验收), for its
/// total less its refunds; until then its money is held awaiting receipt. So paid − refunded = owed + awaiting
/// receipt, and balance = owed − settled. Admins record settlements (payouts); each form records once.
/// </summary>
public sealed class Settlements(StorefrontDbContext db, TimeProvider clock)
{
    public sealed record OrderRow(
        long OrderId, string Number, string OrganisationName, DateTime PaidAtUtc, OrderStatus Status, DateTime? CompletedAtUtc,
        long TotalFen, long RefundedFen)
    {
        public long NetFen => TotalFen - RefundedFen;
        public bool IsOwed => Status == OrderStatus.Completed;
        public long OwedFen => IsOwed ? NetFen : 0;
        public long AwaitingReceiptFen => IsOwed ? 0 : NetFen;
    }

    public sealed record SettlementRow(long Id, DateOnly SettledOn, long AmountFen, string Reference, string? Note, DateTime RecordedAtUtc);

    public sealed record Statement(int SupplierId, string SupplierName, IReadOnlyList<OrderRow> Orders, IReadOnlyList<SettlementRow> Settlements)
    {
        public long PaidFen => Orders.Sum(o => o.TotalFen);
        public long RefundedFen => Orders.Sum(o => o.RefundedFen);
        public long OwedFen => Orders.Sum(o => o.OwedFen);
        public long AwaitingReceiptFen => Orders.Sum(o => o.AwaitingReceiptFen);
        public long SettledFen => Settlements.Sum(s => s.AmountFen);
        public long BalanceFen => OwedFen - SettledFen;
    }

    public sealed record Summary(int SupplierId, string SupplierName, long PaidFen, long RefundedFen, long OwedFen, long SettledFen)
    {
        public long BalanceFen => OwedFen - SettledFen;
    }

    public async Task<Statement?> LoadAsync(int supplierId, CancellationToken ct = default)
    {
        var name = await db.Suppliers.AsNoTracking().Where(s => s.Id == supplierId).Select(s => s.Name).FirstOrDefaultAsync(ct);
        if (name is null) return null;
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.SupplierId == supplierId && o.PaidAtUtc != null)
            .OrderBy(o => o.PaidAtUtc).ThenBy(o => o.Id)
            .Select(o => new OrderRow(o.Id, o.Number, o.Organisation.Name, o.PaidAtUtc!.Value, o.Status, o.CompletedAtUtc, o.TotalFen,
                db.Refunds.Where(r => r.OrderId == o.Id && r.Status == RefundStatus.Succeeded).Sum(r => (long?)r.AmountFen) ?? 0))
            .ToListAsync(ct);
        var settlements = await db.SupplierSettlements.AsNoTracking().Where(s => s.SupplierId == supplierId)
            .OrderBy(s => s.SettledOn).ThenBy(s => s.Id)
            .Select(s => new SettlementRow(s.Id, s.SettledOn, s.AmountFen, s.Reference, s.Note, s.RecordedAtUtc))
            .ToListAsync(ct);
        return new Statement(supplierId, name, orders, settlements);
    }

    /// <summary>Every supplier with a paid order or a settlement, with its figures: one grouped query per figure.</summary>
    public async Task<IReadOnlyList<Summary>> SummariesAsync(CancellationToken ct = default)
    {
        var paid = await db.Orders.AsNoTracking().Where(o => o.PaidAtUtc != null)
            .GroupBy(o => o.SupplierId)
            .Select(g => new { SupplierId = g.Key, Paid = g.Sum(o => o.TotalFen) })
            .ToDictionaryAsync(x => x.SupplierId, x => x.Paid, ct);
        var refunded = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.Succeeded)
            .GroupBy(r => r.Order.SupplierId)
            .Select(g => new { SupplierId = g.Key, Amount = g.Sum(r => r.AmountFen) })
            .ToDictionaryAsync(x => x.SupplierId, x => x.Amount, ct);
        var completed = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Completed)
            .GroupBy(o => o.SupplierId)
            .Select(g => new { SupplierId = g.Key, Total = g.Sum(o => o.TotalFen) })
            .ToDictionaryAsync(x => x.SupplierId, x => x.Total, ct);
        var completedRefunds = await db.Refunds.AsNoTracking().Where(r => r.Status == RefundStatus.Succeeded && r.Order.Status == OrderStatus.Completed)
            .GroupBy(r => r.Order.SupplierId)
            .Select(g => new { SupplierId = g.Key, Amount = g.Sum(r => r.AmountFen) })
            .ToDictionaryAsync(x => x.SupplierId, x => x.Amount, ct);
        var settled = await db.SupplierSettlements.AsNoTracking()
            .GroupBy(s => s.SupplierId)
            .Select(g => new { SupplierId = g.Key, Amount = g.Sum(s => s.AmountFen) })
            .ToDictionaryAsync(x => x.SupplierId, x => x.Amount, ct);
        var ids = paid.Keys.Union(settled.Keys).ToList();
        var names = await db.Suppliers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return ids.Select(id => new Summary(id, names.GetValueOrDefault(id, $"#{id}"), paid.GetValueOrDefault(id), refunded.GetValueOrDefault(id),
                completed.GetValueOrDefault(id) - completedRefunds.GetValueOrDefault(id), settled.GetValueOrDefault(id)))
            .OrderBy(s => s.SupplierName, StringComparer.Ordinal).ToList();
    }

    public enum Outcome { Recorded, AlreadyRecorded, AmountInvalid, MoreThanOwed, ReferenceRequired, UnknownSupplier }

    public sealed record Result(Outcome Outcome, long BalanceFen);

    /// <summary>Records a payout to the supplier; never more than the balance owed. The caller adds its audit entry first.</summary>
    public async Task<Result> RecordAsync(Guid key, int supplierId, long amountFen, DateOnly settledOn, string? reference, string? note, string? userId, CancellationToken ct = default)
    {
        if (await db.SupplierSettlements.AnyAsync(s => s.Key == key, ct)) return new(Outcome.AlreadyRecorded, 0);
        var statement = await LoadAsync(supplierId, ct);
        if (statement is null) return new(Outcome.UnknownSupplier, 0);
        if (amountFen <= 0) return new(Outcome.AmountInvalid, statement.BalanceFen);
        if (amountFen > statement.BalanceFen) return new(Outcome.MoreThanOwed, statement.BalanceFen);
        var text = reference?.Trim() ?? "";
        if (text.Length == 0) return new(Outcome.ReferenceRequired, statement.BalanceFen);
        db.SupplierSettlements.Add(new SupplierSettlement
        {
            Key = key,
            SupplierId = supplierId,
            AmountFen = amountFen,
            SettledOn = settledOn,
            Reference = text.Length > SupplierSettlement.ReferenceMaxLength ? text[..SupplierSettlement.ReferenceMaxLength] : text,
            Note = note.TrimmedOrNull(),
            RecordedByUserId = userId,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // The same form sent twice at once: the other one recorded it.
            db.ChangeTracker.Clear();
            if (await db.SupplierSettlements.AsNoTracking().AnyAsync(s => s.Key == key, ct)) return new(Outcome.AlreadyRecorded, 0);
            throw;
        }
        return new(Outcome.Recorded, statement.BalanceFen - amountFen);
    }
}
