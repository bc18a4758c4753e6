using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Mail;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Payments;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Fapiao;

/// <summary>
/// Fapiaos from request to file: the buyer requests one for an order, the supplier issues it (number, date, amount
/// and the file) and, when a refund makes it wrong, reverses it with a red-letter fapiao. Each step writes the order's
/// history (which raises its version, so two steps on one order at once cannot both be saved) and tells the other side,
/// in one transaction. Who may act on which order is the caller's to decide, as for <see cref="OrderWorkflow"/>.
/// </summary>
public sealed class FapiaoDesk(
    StorefrontDbContext db, ISupplierDocumentStore store, Notifier notifier, MailQueue mail, INotificationTexts texts, TimeProvider clock)
{
    public enum Outcome { Done, Invalid, NotNow, AlreadyIssued, NumberTaken, Conflict }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FapiaoRules.Problem> Problems)
    {
        public bool Succeeded => Outcome == Outcome.Done;
        public static Result Of(Outcome outcome) => new(outcome, []);
    }

    /// <summary>What the order was paid, refunded and invoiced, from the database.</summary>
    public async Task<FapiaoRules.Standing> StandingAsync(long orderId, CancellationToken ct = default)
    {
        var figures = await db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new
        {
            Paid = o.PaidAtUtc == null ? 0 : o.TotalFen,
            Refunded = db.Refunds.Where(r => r.OrderId == o.Id && r.Status == RefundStatus.Succeeded).Sum(r => (long?)r.AmountFen) ?? 0,
            Issued = db.IssuedFapiaos.Where(f => f.OrderId == o.Id).Sum(f => (long?)f.AmountFen) ?? 0,
        }).SingleAsync(ct);
        return new(figures.Paid, figures.Refunded, figures.Issued);
    }

    /// <summary>The buyer asks for the order's fapiao, or changes what it asked while nothing is issued yet.</summary>
    public async Task<Result> RequestAsync(Order order, FapiaoRules.RequestDraft draft, OrderWorkflow.Actor buyer, CancellationToken ct = default)
    {
        var (cleaned, problems) = FapiaoRules.CheckRequest(draft);
        if (problems.Count > 0) return new(Outcome.Invalid, problems);
        var request = await db.FapiaoRequests.Include(r => r.Fapiaos).FirstOrDefaultAsync(r => r.OrderId == order.Id, ct);
        if (request is null && !FapiaoRules.MayRequest(order.Status)) return Result.Of(Outcome.NotNow);
        if (request is { Fapiaos.Count: > 0 }) return Result.Of(Outcome.AlreadyIssued);
        var now = clock.GetUtcNow().UtcDateTime;
        var ending = await OrderingTransaction.RunAsync(db, async () =>
        {
            if (request is null)
            {
                request = new FapiaoRequest
                {
                    OrderId = order.Id, OrganisationId = order.OrganisationId, SupplierId = order.SupplierId,
                    Title = cleaned.Title!, Email = cleaned.Email!, RequestedByUserId = buyer.UserId,
                };
                db.FapiaoRequests.Add(request);
            }
            request.Kind = cleaned.Kind;
            request.Title = cleaned.Title!;
            request.TaxId = cleaned.TaxId;
            request.Email = cleaned.Email!;
            request.RequestedAtUtc = now;
            request.RequestedByUserId = buyer.UserId;
            order.Record(OrderEventKind.FapiaoRequested, buyer.UserId, buyer.Name, now, cleaned.Title);
            notifier.Notify(await notifier.SupplierMembersAsync(order.SupplierId, ct), NotificationKind.FapiaoRequested, order.Number, $"/supplier/orders/{order.Id}/fapiao");
            return true;
        }, ct, isDuplicate: () => db.FapiaoRequests.AnyAsync(r => r.OrderId == order.Id, ct));
        return Ended(ending);
    }

    /// <summary>The supplier records a fapiao it issued for the order, with its file.</summary>
    public Task<Result> IssueAsync(Order order, FapiaoRules.IssueDraft draft, FapiaoFiles.Upload file, OrderWorkflow.Actor supplier, CancellationToken ct = default) =>
        RecordAsync(order, draft, file, supplier, reversesId: null, ct);

    /// <summary>The supplier records a red-letter fapiao reversing one it issued for the order (all of it or a part).</summary>
    public Task<Result> RedLetterAsync(Order order, long reversesId, FapiaoRules.IssueDraft draft, FapiaoFiles.Upload file, OrderWorkflow.Actor supplier, CancellationToken ct = default) =>
        RecordAsync(order, draft, file, supplier, reversesId, ct);

    private async Task<Result> RecordAsync(Order order, FapiaoRules.IssueDraft draft, FapiaoFiles.Upload file, OrderWorkflow.Actor supplier, long? reversesId, CancellationToken ct)
    {
        var request = await db.FapiaoRequests.Include(r => r.Fapiaos).FirstOrDefaultAsync(r => r.OrderId == order.Id, ct);
        if (request is null) return Result.Of(Outcome.NotNow);
        var standing = await StandingAsync(order.Id, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ShanghaiTime.DateOf(now);
        IReadOnlyList<FapiaoRules.Problem> problems;
        IssuedFapiao? original = null;
        if (reversesId is { } id)
        {
            original = request.Fapiaos.FirstOrDefault(f => f.Id == id);
            if (original is null) return Result.Of(Outcome.NotNow);
            var reversed = -request.Fapiaos.Where(f => f.ReversesId == id).Sum(f => f.AmountFen);
            problems = FapiaoRules.CheckRedLetter(draft, standing, original, reversed, today);
        }
        else
        {
            problems = FapiaoRules.CheckIssue(draft, standing, ShanghaiTime.DateOf(order.CreatedAtUtc), today);
        }
        if (problems.Count > 0) return new(Outcome.Invalid, problems);
        var number = FapiaoRules.NormalizeNumber(draft.Number);
        if (await db.IssuedFapiaos.AnyAsync(f => f.SupplierId == order.SupplierId && f.Number == number, ct)) return Result.Of(Outcome.NumberTaken);

        var amount = original is null ? draft.AmountFen!.Value : -draft.AmountFen!.Value;
        var storedName = Guid.NewGuid().ToString("N") + file.Type.Extension;
        await store.SaveAsync(storedName, file.Bytes, ct);
        var fapiao = new IssuedFapiao
        {
            RequestId = request.Id, OrderId = order.Id, OrganisationId = order.OrganisationId, SupplierId = order.SupplierId,
            Number = number, IssuedOn = draft.IssuedOn!.Value, AmountFen = amount, ReversesId = original?.Id,
            StoredName = storedName, ContentType = file.Type.ContentType, FileName = file.FileName, Length = file.Bytes.Length,
            UploadedAtUtc = now, UploadedByUserId = supplier.UserId,
        };
        OrderingTransaction.Ending ending;
        try
        {
            ending = await OrderingTransaction.RunAsync(db, async () =>
            {
                db.IssuedFapiaos.Add(fapiao);
                var note = original is null ? $"{number} · {Fen.Format(amount)}" : $"{number} → {original.Number} · {Fen.Format(amount)}";
                order.Record(original is null ? OrderEventKind.FapiaoIssued : OrderEventKind.FapiaoReversed, supplier.UserId, supplier.Name, now, note);
                var kind = original is null ? NotificationKind.FapiaoIssued : NotificationKind.FapiaoReversed;
                var link = $"/orders/{order.Id}";
                var requester = await notifier.PersonAsync(request.RequestedByUserId, ct);
                notifier.Notify(requester, kind, order.Number, link);
                // The address the buyer gave (a finance office's, often nobody's account here) is told as well.
                if (!requester.Any(r => string.Equals(r.Email, request.Email, StringComparison.OrdinalIgnoreCase)))
                {
                    var message = texts.Compose(kind, order.Number, link);
                    mail.Enqueue(request.Email, message.Subject, message.Body);
                }
                return true;
            }, ct, isDuplicate: () => db.IssuedFapiaos.AnyAsync(f => f.SupplierId == order.SupplierId && f.Number == number, ct));
        }
        catch
        {
            await store.DeleteAsync(storedName, CancellationToken.None);
            throw;
        }
        if (ending != OrderingTransaction.Ending.Committed) await store.DeleteAsync(storedName, CancellationToken.None);
        return ending == OrderingTransaction.Ending.Duplicate ? Result.Of(Outcome.NumberTaken) : Ended(ending);
    }

    private static Result Ended(OrderingTransaction.Ending ending) => ending switch
    {
        OrderingTransaction.Ending.Committed => Result.Of(Outcome.Done),
        _ => Result.Of(Outcome.Conflict),
    };
}
