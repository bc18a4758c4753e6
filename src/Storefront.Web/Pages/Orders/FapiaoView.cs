using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Ordering;

namespace Storefront.Web.Pages.Orders;

/// <summary>An order's fapiao as the buyer's and the supplier's pages show it: the request, the fapiaos issued, and what is open.</summary>
public sealed record FapiaoView(long OrderId, FapiaoView.RequestView? Request, IReadOnlyList<FapiaoView.Item> Fapiaos, FapiaoRules.Standing Standing, bool MayRequest)
{
    public sealed record RequestView(FapiaoKind Kind, string Title, string? TaxId, string Email, DateTime RequestedAtUtc, string RequestedBy);

    public sealed record Item(long Id, string Number, DateOnly IssuedOn, long AmountFen, long? ReversesId, string FileName, DateTime UploadedAtUtc)
    {
        public bool IsRedLetter => ReversesId is not null;
    }

    /// <summary>Whether the buyer may still ask or change the request: the order is paid, and nothing is issued yet.</summary>
    public bool RequestOpen => Fapiaos.Count == 0 && (Request is not null || MayRequest);

    public string NumberOf(long id) => Fapiaos.FirstOrDefault(f => f.Id == id)?.Number ?? "";

    /// <summary>What of a fapiao is not yet reversed by red-letter ones.</summary>
    public long NotReversedFen(Item fapiao) => fapiao.AmountFen + Fapiaos.Where(f => f.ReversesId == fapiao.Id).Sum(f => f.AmountFen);

    public static async Task<FapiaoView> LoadAsync(StorefrontDbContext db, FapiaoDesk desk, long orderId, OrderStatus status, CancellationToken ct)
    {
        var request = await db.FapiaoRequests.AsNoTracking().Where(r => r.OrderId == orderId)
            .Select(r => new RequestView(r.Kind, r.Title, r.TaxId, r.Email, r.RequestedAtUtc,
                db.Users.Where(u => u.Id == r.RequestedByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .FirstOrDefaultAsync(ct);
        var fapiaos = await db.IssuedFapiaos.AsNoTracking().Where(f => f.OrderId == orderId).OrderBy(f => f.Id)
            .Select(f => new Item(f.Id, f.Number, f.IssuedOn, f.AmountFen, f.ReversesId, f.FileName, f.UploadedAtUtc))
            .ToListAsync(ct);
        return new FapiaoView(orderId, request, fapiaos, await desk.StandingAsync(orderId, ct), FapiaoRules.MayRequest(status));
    }
}

/// <summary>What the fapiao partial shows: the view, where its files are served from, and a link to act (request, issue) if any.</summary>
public sealed record FapiaoPanel(FapiaoView View, string FileBase, string? ActionHref, string? ActionText);
