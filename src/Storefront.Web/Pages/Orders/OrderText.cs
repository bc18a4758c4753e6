using Microsoft.Extensions.Localization;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Orders;

/// <summary>Why a step on an order did not happen, in words, for every page that acts on orders.</summary>
public static class OrderText
{
    public static string Outcome(IStringLocalizer t, OrderWorkflow.Result result) =>
        t[$"OrderOutcome.{result.Outcome}", result.ListingTitle ?? ""];

    /// <summary>
    /// The resource key of an order's state as people read it: an order an approver rejected is cancelled in the state
    /// table (its stock and payment end alike) but reads 已驳回, not 已取消, so the buyer knows it was a decision.
    /// </summary>
    public static string StatusKey(OrderStatus status, CancellationKind? cancellation) =>
        status == OrderStatus.Cancelled && cancellation == CancellationKind.RejectedByApprover ? "OrderStatus.Rejected" : $"OrderStatus.{status}";

    /// <summary>The CSS class of the same state.</summary>
    public static string StatusClass(OrderStatus status, CancellationKind? cancellation) =>
        "status status-" + StatusKey(status, cancellation)["OrderStatus.".Length..].ToLowerInvariant();

    /// <summary>
    /// A step's note as the reader reads it: a confirmed payment's note starts with the method's code name
    /// ("BankTransfer 流水号"), shown as the method's name in the reader's language ("银行转账 流水号").
    /// </summary>
    public static string EventNote(IStringLocalizer t, OrderEventKind kind, string note)
    {
        if (kind != OrderEventKind.PaymentConfirmed) return note;
        var space = note.IndexOf(' ');
        var code = space < 0 ? note : note[..space];
        if (!Enum.TryParse<PaymentMethod>(code, out var method) || !Enum.IsDefined(method) || code.Any(char.IsDigit)) return note;
        return t[$"PaymentMethod.{method}"] + note[code.Length..];
    }
}
