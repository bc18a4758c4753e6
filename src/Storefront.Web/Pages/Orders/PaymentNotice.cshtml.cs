using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Core.Settings;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/purchases/{id}/notice: the payment notice (付款通知书) a school's accountant prints and files with the
/// transfer: the organisation, the purchase number, each order that owes and how much, the total in figures and in
/// capital numerals (大写), the collection account and the reference to write. A page made for printing (the header,
/// the footer and the buttons are not printed).
/// </summary>
[Authorize]
[OrganisationPage(OrganisationPageAttribute.AnyMember)]
public class PaymentNoticeModel(StorefrontDbContext db, PlatformSettings settings, TimeProvider clock) : OrganisationPageModel
{
    public sealed record Line(string OrderNumber, string SupplierName, long TotalFen, long ReceivedFen)
    {
        public long OwedFen => TotalFen - ReceivedFen;
    }

    public PurchaseView Purchase { get; private set; } = null!;
    public PurchaseMoney Money { get; private set; } = null!;
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public long OwedFen => Lines.Sum(l => l.OwedFen);
    public string OwedInCapitals => ChineseCapitalAmount.Of(OwedFen);
    public DateOnly IssuedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Purchase)] long id, CancellationToken ct)
    {
        var seat = Seat;
        var purchase = await PurchaseView.LoadAsync(db, db.Purchases.Where(p => p.OrganisationId == seat.OrganisationId), id, ct);
        if (purchase is null) return NotFound();
        Purchase = purchase;
        Money = await PurchaseMoney.LoadAsync(db, settings, purchase, ct);
        Lines = purchase.Orders.Where(o => o.Status == OrderStatus.Approved)
            .Select(o => new Line(o.Number, o.SupplierName, o.TotalFen, Money.ReceivedFor(o.Id)))
            .Where(l => l.OwedFen > 0).ToList();
        IssuedOn = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);
        return Page();
    }
}
