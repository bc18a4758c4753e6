using System.Globalization;
using Storefront.Core.Money;
using Storefront.Core.Organisations;

namespace Storefront.Core.Ordering;

/// <summary>
/// One checkout by one buyer of one organisation: where and when to deliver, the purchase-order reference, and one
/// <see cref="Order"/> per supplier. Payment is made against the purchase.
/// </summary>
public class Purchase
{
    public const int NumberMaxLength = 40;
    public const int ReferenceMaxLength = 50;
    public const int NotesMaxLength = 1000;

    public long Id { get; private set; }
    /// <summary>"20260315000123": the Shanghai date of the checkout and the purchase's id; given once the id is known.</summary>
    public string Number { get; internal set; } = "";
    public int OrganisationId { get; init; }
    public Organisation Organisation { get; private set; } = null!;
    public required string BuyerUserId { get; init; }
    /// <summary>The key of the checkout form: a form submitted twice places one purchase.</summary>
    public Guid CheckoutKey { get; init; }

    /// <summary>The delivery address as it was at checkout; the organisation may change its addresses later.</summary>
    public required string DeliveryLabel { get; init; }
    public required string DeliveryAddress { get; init; }
    public required string DeliveryRecipient { get; init; }
    public required string DeliveryPhone { get; init; }
    public DateOnly RequestedDeliveryDate { get; init; }
    public string? PurchaseOrderReference { get; init; }
    public string? Notes { get; init; }
    /// <summary>A trade-union purchase (工会采购): counted towards the organisation's quota like any other.</summary>
    public bool IsTradeUnion { get; init; }

    public long TotalFen { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    /// <summary>How the buyer chose to pay at checkout: by invoice, due orders are invoiced as they become due.</summary>
    public PaymentMethod PaymentMethod { get; init; } = PaymentMethod.BankTransfer;

    public List<Order> Orders { get; private set; } = [];
    public List<Payment> Payments { get; private set; } = [];

    public static string NumberOf(long id, DateTime createdAtUtc) =>
        ShanghaiTime.FromUtc(createdAtUtc).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + id.ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>Numbers the purchase and its orders ("…-1", "…-2") once the database has given the purchase its id.</summary>
    internal void AssignNumbers()
    {
        Number = NumberOf(Id, CreatedAtUtc);
        for (var i = 0; i < Orders.Count; i++) Orders[i].Number = $"{Number}-{Orders[i].Sequence}";
    }
}
