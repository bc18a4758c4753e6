namespace Storefront.Core.Ordering;

public enum PaymentMethod
{
    /// <summary>A bank transfer recorded by an admin (offline mode).</summary>
    BankTransfer = 1,
    Card = 2,
    Invoice = 3,
}

/// <summary>
/// Money received for a purchase: the one moment its orders become Paid and count towards the quota. The reference
/// (a bank reference, a payment intent) is unique per purchase and method, so a payment recorded twice counts once.
/// </summary>
public class Payment
{
    public const int ReferenceMaxLength = 100;
    public const int NoteMaxLength = 1000;

    public long Id { get; private set; }
    public long PurchaseId { get; init; }
    public PaymentMethod Method { get; init; }
    public long AmountFen { get; init; }
    public DateTime PaidAtUtc { get; init; }
    public required string Reference { get; init; }
    public string? Note { get; init; }
    public string? RecordedByUserId { get; init; }
    public DateTime RecordedAtUtc { get; init; }
}
