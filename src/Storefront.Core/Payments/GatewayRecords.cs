namespace Storefront.Core.Payments;

/// <summary>
/// A webhook event as the gateway sent it, stored by its id before anything is done with it (DESIGN.md rule 7): a
/// redelivery finds it, and an event that failed to apply is applied again when it comes back.
/// </summary>
public class GatewayEvent
{
    public const int IdMaxLength = 255;
    public const int OutcomeMaxLength = 500;

    public required string Id { get; init; }
    public required string Type { get; init; }
    public string? ApiVersion { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime ReceivedAtUtc { get; init; }
    public required string Payload { get; init; }
    public DateTime? ProcessedAtUtc { get; set; }
    /// <summary>What applying it did, in a line: "confirmed payment 12", "ignored: unknown type", an error.</summary>
    public string? Outcome { get; set; }
    /// <summary>Attempts to act on it that failed.</summary>
    public int Attempts { get; set; }
    /// <summary>
    /// When the retry job acts on it again, from this store, if it is still not processed: set when it is stored (in case
    /// the delivery dies before acting), pushed back with backoff after each failure, null once processed or given up.
    /// </summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    public const int MaxAttempts = 12;
    /// <summary>How long a delivery or a retry holds an event before the job may take it.</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(2);
}

public enum PaymentCommand
{
    CreateCheckout = 1,
    ExpireCheckout = 2,
    CreateInvoice = 3,
    VoidInvoice = 4,
    CreateRefund = 5,
}

/// <summary>
/// A write to the gateway, recorded in the transaction of the change that needs it and then sent, retried with
/// backoff, and marked done (DESIGN.md rule 7). Sending is claimed by moving <see cref="NextAttemptAtUtc"/> ahead, so
/// the page that sends at once and the background job never send it together.
/// </summary>
public class PaymentOutboxMessage
{
    public const int MaxAttempts = 12;

    public long Id { get; private set; }
    public PaymentCommand Command { get; init; }
    public long? PaymentRequestId { get; init; }
    public long? RefundId { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    /// <summary>Refused for good or out of attempts: an admin sees it.</summary>
    public DateTime? GaveUpAtUtc { get; set; }
    /// <summary>
    /// What is sent (the draft as JSON), fixed when the message is written: every attempt sends exactly this, since the
    /// gateway answers a repeated idempotency key with other parameters by refusing it. Null for calls without parameters.
    /// </summary>
    public string? Request { get; set; }

    /// <summary>Exponential backoff from 5 seconds, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, Math.Min(attempts, 20))));
}

/// <summary>Money paid out to a supplier for its received orders, recorded by an admin.</summary>
public class SupplierSettlement
{
    public const int ReferenceMaxLength = 100;
    public const int NoteMaxLength = 500;

    public long Id { get; private set; }
    /// <summary>The form's key: the same form sent twice records one settlement.</summary>
    public Guid Key { get; init; }
    public int SupplierId { get; init; }
    public long AmountFen { get; init; }
    public DateOnly SettledOn { get; init; }
    public required string Reference { get; init; }
    public string? Note { get; init; }
    public string? RecordedByUserId { get; init; }
    public DateTime RecordedAtUtc { get; init; }
}
