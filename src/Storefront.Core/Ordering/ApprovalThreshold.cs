using Storefront.Core.Organisations;

namespace Storefront.Core.Ordering;

/// <summary>
/// The organisation's approval threshold, applied to a purchase as a whole: approving is one decision about one
/// checkout, however many suppliers it is split across. A purchase waits for an approver, all its orders with it, when
/// <list type="bullet">
/// <item>its total reaches the threshold (seven orders of ¥200 under a ¥1,000 threshold wait together), or</item>
/// <item>what it spends with one supplier, together with the organisation's open spend with that supplier (orders of the
/// last 24 hours that went through without an approver and are not cancelled), reaches it: a purchase cannot be split
/// into several checkouts under the threshold either.</item>
/// </list>
/// Both rules count spend that would be committed without anyone approving it; either one crossing the threshold makes
/// the whole purchase one decision for an approver, who may approve all its orders or some and reject the others.
/// </summary>
public static class ApprovalThreshold
{
    /// <summary>How far back orders placed without approval count together with a new purchase's order to the same supplier.</summary>
    public static readonly TimeSpan SplitSpendWindow = TimeSpan.FromHours(24);

    /// <summary>One supplier's share of the purchase and the organisation's open spend with that supplier.</summary>
    public readonly record struct SupplierSpend(long OrderFen, long OpenSpendFen);

    /// <summary>Whether the purchase waits for an approver; with no threshold nothing ever does.</summary>
    public static bool PurchaseNeedsApproval(long? thresholdFen, long purchaseTotalFen, IEnumerable<SupplierSpend> bySupplier) =>
        thresholdFen is { } threshold
        && (Organisation.NeedsApproval(threshold, purchaseTotalFen)
            || bySupplier.Any(s => Organisation.NeedsApproval(threshold, s.OrderFen + s.OpenSpendFen)));
}
