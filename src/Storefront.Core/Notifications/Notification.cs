namespace Storefront.Core.Notifications;

/// <summary>What a notification asks of its reader; each kind has its text in the interface's resources.</summary>
public enum NotificationKind
{
    /// <summary>To approvers: an order waits for approval.</summary>
    OrderAwaitingApproval = 1,
    /// <summary>To the buyer: the order was approved (or needed no approval) and waits for payment.</summary>
    OrderAwaitingPayment = 2,
    /// <summary>To the buyer: an approver rejected the order.</summary>
    OrderRejected = 3,
    /// <summary>To the supplier: a new order to accept or decline.</summary>
    OrderToAccept = 4,
    /// <summary>To the supplier: the order is paid and can be shipped.</summary>
    OrderToShip = 5,
    /// <summary>To the buyer: a shipment is on its way and its receipt is to be confirmed.</summary>
    ShipmentToReceive = 6,
    /// <summary>To the buyer: the supplier declined the order.</summary>
    OrderDeclined = 7,
    /// <summary>To the supplier: the buyer cancelled an order it had been sent.</summary>
    OrderCancelled = 8,
    /// <summary>To the supplier: the buyer confirmed receipt of a shipment (with any shortfall noted).</summary>
    ShipmentReceived = 9,
    /// <summary>To admins: an organisation registered and waits for verification.</summary>
    OrganisationToVerify = 10,
    /// <summary>To the organisation's admins: the registration was verified.</summary>
    OrganisationVerified = 11,
    /// <summary>To the organisation's admins: the registration was refused, with the reason.</summary>
    OrganisationRejected = 12,
    /// <summary>To approvers: a purchase (all its orders, one decision) waits for approval.</summary>
    PurchaseAwaitingApproval = 20,
    /// <summary>To the buyer: an approver rejected orders of the purchase, with the reason.</summary>
    PurchaseRejected = 21,
    /// <summary>To the supplier: a buyer requested the fapiao of an order.</summary>
    FapiaoRequested = 30,
    /// <summary>To the buyer who requested it: the fapiao is issued and can be downloaded from the order.</summary>
    FapiaoIssued = 31,
    /// <summary>To the buyer who requested it: the supplier reversed a fapiao with a red-letter one after a refund.</summary>
    FapiaoReversed = 32,
    /// <summary>To the buyer and the supplier: a standing order's delivery is due but its order cannot be made yet, and why.</summary>
    StandingDeliveryWaiting = 50,
    /// <summary>To the supplier: the buyer changed the quantity of a delivery of an agreement, or skipped it.</summary>
    StandingDeliveryChanged = 51,
    /// <summary>To the buyer: the supplier declined a delivery of an agreement, with the reason.</summary>
    StandingDeliveryDeclined = 52,
    /// <summary>To approvers: a procurement plan (new, or changed to commit more) waits for approval.</summary>
    PlanAwaitingApproval = 60,
    /// <summary>To the plan's poster: an approver approved it, and suppliers now see it.</summary>
    PlanApproved = 61,
    /// <summary>To the plan's poster: an approver rejected it, with the reason.</summary>
    PlanRejected = 62,
    /// <summary>To a supplier's members: a new plan of its trade and county is open for quotes.</summary>
    NewPlanToQuote = 63,
    /// <summary>To the plan's organisation (its posters): a supplier quoted on a plan, or revised its quote.</summary>
    QuoteReceived = 64,
    /// <summary>To the supplier: its quote on a plan was awarded; the agreement is made.</summary>
    QuoteAwarded = 70,
    /// <summary>To the supplier: the plan's award is finished without its quote.</summary>
    QuoteRejected = 71,
    /// <summary>To the other side of an agreement: a change of its terms is asked.</summary>
    AgreementChangeRequested = 72,
    /// <summary>To the side that asked: the change was accepted, the agreement has a new version.</summary>
    AgreementChangeAccepted = 73,
    /// <summary>To the side that asked: the change was refused, with the reason.</summary>
    AgreementChangeRefused = 74,
    /// <summary>To the other side: the change asked was withdrawn.</summary>
    AgreementChangeWithdrawn = 75,
    /// <summary>To the other side: the agreement was ended early, with the reason.</summary>
    AgreementEnded = 76,
}

/// <summary>An in-app message to one person, linking to where they act; mail with the same text goes out with it.</summary>
public class Notification
{
    public const int SubjectMaxLength = 200;
    public const int LinkMaxLength = 300;

    public long Id { get; private set; }
    public required string UserId { get; init; }
    public NotificationKind Kind { get; init; }
    /// <summary>What it is about, shown in the text: an order number, an organisation's name.</summary>
    public required string Subject { get; init; }
    /// <summary>A path inside the shop ("/orders/12").</summary>
    public required string Link { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? ReadAtUtc { get; set; }
}
