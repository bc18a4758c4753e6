using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Settings;

namespace Storefront.Core.Payments;

/// <summary>
/// Builds what is sent to the gateway for a payment request, once, when its outbox message is written, and reads it
/// back at each attempt. Nothing of the moment of sending (a request's Host, a changed payment term) can slip into a
/// retry: Stripe answers a repeated idempotency key with other parameters with 400 idempotency_error.
/// </summary>
public static class GatewayDrafts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public static string Write<T>(T draft) => JsonSerializer.Serialize(draft, Json);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Json)
        ?? throw new PaymentGatewayException("The outbox message's request is empty.", permanent: true);

    public static async Task<CheckoutDraft> CheckoutAsync(StorefrontDbContext db, PaymentRequest request, string purchaseNumber, PublicAddress address, CancellationToken ct) =>
        new($"checkout-{request.Key:N}", request.Key.ToString("N"), purchaseNumber, await LinesAsync(db, request.Id, ct),
            address.Absolute($"/orders/purchases/{request.PurchaseId}/paid?request={request.Key:N}"),
            address.Absolute($"/orders/purchases/{request.PurchaseId}/payment-cancelled?request={request.Key:N}"),
            DateTime.SpecifyKind(request.CreatedAtUtc + PaymentRequest.CardLifetime, DateTimeKind.Utc));

    /// <summary>The invoice for the organisation's terms as they are now; the customer is filled in when it is sent.</summary>
    public static async Task<InvoiceDraft> InvoiceAsync(StorefrontDbContext db, PaymentRequest request, string purchaseNumber, int organisationId, CancellationToken ct)
    {
        var days = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.PaymentTermDays).SingleAsync(ct);
        return new($"invoice-{request.Key:N}", request.Key.ToString("N"), "", days, purchaseNumber, await LinesAsync(db, request.Id, ct));
    }

    /// <summary>One gateway line per order line of the request's orders, from the orders as they were placed.</summary>
    private static async Task<IReadOnlyList<GatewayLine>> LinesAsync(StorefrontDbContext db, long requestId, CancellationToken ct)
    {
        var lines = await db.OrderLines.AsNoTracking()
            .Where(l => db.PaymentRequestOrders.Any(x => x.PaymentRequestId == requestId && x.OrderId == l.OrderId))
            .OrderBy(l => l.OrderId).ThenBy(l => l.Id)
            .Select(l => new { l.Title, l.UnitPriceFen, l.Quantity, l.AmountFen, Number = db.Orders.Where(o => o.Id == l.OrderId).Select(o => o.Number).First() })
            .ToListAsync(ct);
        return lines.Select(l => new GatewayLine($"{l.Title} · {l.Number}", l.UnitPriceFen, l.Quantity, l.AmountFen)).ToList();
    }
}
