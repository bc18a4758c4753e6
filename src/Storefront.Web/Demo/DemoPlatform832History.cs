using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Platform832;
using Storefront.Core.Quotas;
using Storefront.Platform832.Client;
using Storefront.Platform832.Orders;

namespace Storefront.Web.Demo;

/// <summary>
/// This year's purchases of the demo organisations that have no demo accounts, as they would have come from the 832
/// platform (where the same institutions buy): stored as the order import stores them and counted through its own
/// <see cref="OrderImport.AssignAsync"/>, so that the ledger, the reconciliation and the admins' dashboards, trends and
/// rankings have a year to show. Each organisation is given a completion to reach by today, some ahead of pace and some
/// behind; a few orders are partly refunded. The organisations of the demo accounts are left untouched, so that what
/// people try with them starts from nothing. Nothing here touches stock: these were sold on the platform.
/// </summary>
public sealed class DemoPlatform832History(StorefrontDbContext db, OrderImport import, TimeProvider clock)
{
    // Organisation key, the share of its quota bought by today (relative to the year's pace), its suppliers.
    private static readonly (string Key, double OfPace, string[] Suppliers)[] Buyers =
    [
        ("agency3", 1.15, ["xupu", "shaoyang", "mayang"]),
        ("agency5", 0.55, ["yongshun", "baojing", "guzhang"]),
        ("school2", 1.30, ["dongkou", "rucheng", "luxi"]),
        ("school3", 0.80, ["xupu", "rucheng", "yanling"]),
        ("school4", 0.35, ["dongkou", "fenghuang"]),
        ("hospital2", 1.05, ["xinhuang", "shaoyang", "anhua"]),
        ("hospital3", 0.90, ["longshan", "mayang", "rucheng"]),
        ("hospital4", 0.20, ["chengbu", "shibadong"]),
        ("hospital5", 0.65, ["xinhuang", "dongkou", "sangzhi"]),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var year = ShanghaiTime.YearOf(now);
        var (start, end) = ShanghaiTime.YearBounds(year);
        var elapsed = (now - start).TotalDays / (end - start).TotalDays;
        var names = DemoCatalog.Organisations.ToDictionary(o => o.Key, o => o.Name);
        var supplierNames = DemoCatalog.Suppliers.ToDictionary(s => s.Key, s => s.Name);
        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new { o.Id, o.Name, o.CreditCode, o.Type }).ToDictionaryAsync(o => o.Name, ct);
        var quotas = await db.CanteenFilings.AsNoTracking().Where(f => f.Year == year && f.Status == FilingStatus.Approved)
            .ToDictionaryAsync(f => f.OrganisationId, f => f.ReservedFen ?? 0, ct);
        var suppliers = await db.Suppliers.AsNoTracking().Select(s => new { s.Id, s.Name, s.CountyCode }).ToDictionaryAsync(s => s.Name, ct);
        var listings = (await db.Listings.AsNoTracking().Where(l => l.Status == ListingStatus.Published)
                .Select(l => new { l.Id, l.SupplierId, Price = l.PriceTiers.OrderBy(t => t.MinQuantity).Select(t => t.UnitPriceFen).First() })
                .ToListAsync(ct))
            .GroupBy(l => l.SupplierId).ToDictionary(g => g.Key, g => g.ToList());

        var random = new Random(832);
        var sequence = 0;
        foreach (var (key, ofPace, supplierKeys) in Buyers)
        {
            var organisation = organisations[names[key]];
            var target = (long)(quotas.GetValueOrDefault(organisation.Id) * elapsed * ofPace);
            var months = ShanghaiTime.DateOf(now).Month;
            for (var month = 1; month <= months && target > 0; month++)
            {
                var paidAt = start.AddMonths(month - 1).AddDays(random.Next(3, 25)).AddHours(random.Next(1, 9));
                if (paidAt > now) paidAt = now.AddHours(-1);
                var supplier = suppliers[supplierNames[supplierKeys[random.Next(supplierKeys.Length)]]];
                var offer = listings[supplier.Id];
                // The year's amount spread over the months, each month's a little more or less than the last.
                var amount = target / months * random.Next(70, 131) / 100;
                var chosen = offer.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, offer.Count) + 1)).ToList();
                var lines = chosen.Select(l => (l.Id, l.Price, Quantity: Math.Max(1, (int)(amount / chosen.Count / l.Price)))).ToList();
                var order = new Platform832Order
                {
                    // A number space of its own, apart from the simulator's (832-date-000001 on).
                    OrderNo = $"832-{paidAt:yyyyMMdd}-9{++sequence:D5}",
                    SupplierCode = $"S{supplier.CountyCode}{supplier.Id:D3}",
                    SupplierId = supplier.Id,
                    BuyerCreditCode = organisation.CreditCode,
                    BuyerName = organisation.Name,
                    BuyerUnitType = organisation.Type.ToString().ToUpperInvariant(),
                    Status = OrderStatuses.Received,
                    PaidAtUtc = paidAt,
                    ReceivedAtUtc = paidAt.AddDays(3) < now ? paidAt.AddDays(3) : null,
                    PlatformUpdatedAtUtc = paidAt,
                    ImportedAtUtc = paidAt,
                    UpdatedAtUtc = paidAt,
                };
                order.Lines.AddRange(lines.Select(l => new Platform832OrderLine
                {
                    ExternalId = Listing.CodeOf(l.Id), ListingId = l.Id, Quantity = l.Quantity, PriceFen = l.Price, AmountFen = l.Quantity * l.Price,
                }));
                order.TotalFen = order.Lines.Sum(l => l.AmountFen);
                // One order in seven came partly spoiled: a tenth refunded a week later.
                if (random.Next(7) == 0 && paidAt.AddDays(7) < now)
                {
                    order.RefundedFen = order.TotalFen / 10;
                    order.PlatformUpdatedAtUtc = paidAt.AddDays(7);
                }
                db.Platform832Orders.Add(order);
                await import.AssignAsync(order, organisation.Id, ct);
                order.MatchedAtUtc = paidAt;
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
