namespace Storefront.Core.Ordering;

/// <summary>
/// How one bank transfer is shared among the orders of its purchase (the rule, without the database). A school pays
/// supplier by supplier, or in instalments, so a transfer may pay some orders, or part of one:
/// <list type="number">
/// <item>the admin may name the orders the transfer pays (what the payer wrote, or what the finance office says);
/// otherwise it pays every order still owing;</item>
/// <item>the orders are paid in their order within the purchase (…-1, then …-2: the oldest first), each up to what it
/// still owes, so at most one order is left partly paid;</item>
/// <item>what is left once they are all paid is a surplus (多付), kept on the transfer and shown to the admin and the
/// buyer until it is returned; it is never moved to another order by itself.</item>
/// </list>
/// An order is paid (and counts towards the quota) once the transfers' shares cover its total.
/// </summary>
public static class TransferAllocation
{
    /// <summary>An order that may take money now, and what it still owes after earlier transfers.</summary>
    public sealed record Owing(long OrderId, int Sequence, long TotalFen, long OwedFen);

    public sealed record Share(long OrderId, long AmountFen, bool CompletesOrder);

    public sealed record Plan(IReadOnlyList<Share> Shares, long SurplusFen)
    {
        public IEnumerable<long> CompletedOrderIds => Shares.Where(s => s.CompletesOrder).Select(s => s.OrderId);
    }

    /// <summary>
    /// Shares <paramref name="amountFen"/> among <paramref name="owing"/>, or only among <paramref name="chosen"/> of them
    /// when the admin named orders (null or empty: all). Throws on a non-positive amount or an order named that does not owe.
    /// </summary>
    public static Plan Allocate(long amountFen, IReadOnlyCollection<Owing> owing, IReadOnlyCollection<long>? chosen = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountFen);
        if (chosen is { Count: > 0 } && chosen.Except(owing.Select(o => o.OrderId)).Any())
            throw new ArgumentException("Only orders that owe money can be paid by a transfer.", nameof(chosen));
        var targets = owing
            .Where(o => o.OwedFen > 0 && (chosen is not { Count: > 0 } || chosen.Contains(o.OrderId)))
            .OrderBy(o => o.Sequence);
        var left = amountFen;
        var shares = new List<Share>();
        foreach (var order in targets)
        {
            if (left == 0) break;
            var share = Math.Min(left, order.OwedFen);
            shares.Add(new Share(order.OrderId, share, share == order.OwedFen));
            left -= share;
        }
        return new Plan(shares, left);
    }
}
