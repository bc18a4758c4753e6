namespace Storefront.Core.Ordering;

/// <summary>
/// Money a purchase's organisation sent to the platform's collection account, as an admin records it from the bank
/// statement: amount, date, payer and the bank's reference, which is unique (the same transfer is never recorded twice,
/// on any purchase). Its <see cref="Shares"/> say which orders it paid, by <see cref="TransferAllocation"/>; what they
/// leave is its surplus, shown until it is returned.
/// </summary>
public class BankTransfer
{
    public const int PayerMaxLength = 200;

    public long Id { get; private set; }
    public long PurchaseId { get; init; }
    public long AmountFen { get; init; }
    /// <summary>Midnight of the transfer's Shanghai date, in UTC.</summary>
    public DateTime PaidAtUtc { get; init; }
    /// <summary>付款人: the account holder the money came from, as the statement names it.</summary>
    public required string Payer { get; init; }
    public required string Reference { get; init; }
    public string? Note { get; init; }
    /// <summary>The payment that made the orders this transfer completed Paid, if it completed any.</summary>
    public long? PaymentId { get; internal set; }
    public string? RecordedByUserId { get; init; }
    public DateTime RecordedAtUtc { get; init; }

    public List<BankTransferShare> Shares { get; private set; } = [];

    public long SurplusFen => AmountFen - Shares.Sum(s => s.AmountFen);
}

/// <summary>The part of a bank transfer that pays one order.</summary>
public class BankTransferShare
{
    public long Id { get; private set; }
    public long BankTransferId { get; init; }
    public long OrderId { get; init; }
    public long AmountFen { get; init; }
}
