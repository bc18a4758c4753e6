using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Storefront.Core.Money;
using Storefront.Core.Payments;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// The refund form of an order (admins and the order's supplier): an amount up to what is left, and a reason. Through
/// Stripe when the order was paid through it (sent at once; the outbox retries), recorded otherwise.
/// </summary>
public sealed class RefundInput
{
    [Required(ErrorMessage = "Validation.Required")]
    [Display(Name = "Field.RefundAmount")]
    public string? Amount { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Refund.ReasonMaxLength, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.RefundReason")]
    public string? Reason { get; set; }

    /// <summary>
    /// Asks for the refund; returns the status message on success, or null with the problem added to the model state
    /// beside its field.
    /// </summary>
    public async Task<string?> SubmitAsync(long orderId, Refunds refunds, PaymentOutbox outbox, Refunds.Actor actor,
        ModelStateDictionary modelState, IStringLocalizer t, CancellationToken ct)
    {
        var amount = Fen.ParseYuan(Amount);
        if (Amount is not null && amount is not > 0) modelState.AddModelError("Refund.Amount", t["Payment.AmountInvalid"]);
        if (!modelState.IsValid) return null;
        var result = await refunds.RequestAsync(orderId, amount!.Value, Reason, actor, ct);
        switch (result.Outcome)
        {
            case Refunds.Outcome.Refunded:
                return t["Refund.Recorded", Fen.Format(amount.Value)];
            case Refunds.Outcome.Pending:
                var messages = await outbox.PendingForRefundAsync(result.Refund!.Id, ct);
                foreach (var id in messages) await outbox.SendAsync(id, ct);
                var after = await refunds.StatusAsync(result.Refund.Id, ct);
                return after switch
                {
                    RefundStatus.Succeeded => t["Refund.Done", Fen.Format(amount.Value)],
                    RefundStatus.Failed => t["Refund.FailedAtGateway", Fen.Format(amount.Value)],
                    _ => t["Refund.Sent", Fen.Format(amount.Value)],
                };
            case Refunds.Outcome.AmountTooLarge:
                modelState.AddModelError("Refund.Amount", t["Refund.TooLarge", Fen.Format(result.RefundableFen)]);
                return null;
            case Refunds.Outcome.AmountInvalid:
                modelState.AddModelError("Refund.Amount", t["Payment.AmountInvalid"]);
                return null;
            case Refunds.Outcome.ReasonRequired:
                modelState.AddModelError("Refund.Reason", t["Validation.Required", t["Field.RefundReason"]]);
                return null;
            default:
                modelState.AddModelError(string.Empty, t[$"Refund.{result.Outcome}"]);
                return null;
        }
    }
}
