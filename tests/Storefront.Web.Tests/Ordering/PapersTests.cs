using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Photos;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Ordering;

public class PapersOnSqlite(StorefrontFactory factory) : PapersTests<StorefrontFactory>(factory);
public class PapersOnPostgreSql(PostgreSqlStorefrontFactory factory) : PapersTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Delivery notes and acceptance records as PDF, a short or damaged delivery recorded at acceptance, and buyers'
/// ratings of suppliers, all through the pages, with the PDFs read back (text and QR code) as their readers would.
/// </summary>
public abstract class PapersTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private const string Yongshun = "永顺县松柏莓茶专业合作社";

    /// <summary>A hospital buyer's order of ten boxes of tea (¥680, below the threshold), paid by transfer, accepted and shipped.</summary>
    private async Task<(HttpClient Buyer, HttpClient Supplier, long OrderId, string Number)> ShippedTeaOrderAsync(string buyerEmail)
    {
        var buyer = await SignedInClientAsync(buyerEmail);
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 10");
        var purchase = await buyer.CheckOutAsync();
        var purchaseId = PurchaseIdOf(purchase);
        var orderId = OrderIdsOf(purchase).Single();
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        var supplier = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var page = await (await supplier.GetPageAsync($"/supplier/orders/{orderId}")).SubmitAsync(supplier, "#accept-form");
        page = await page.SubmitAsync(supplier, "#ship-form", [new("Carrier", "顺丰速运"), new("TrackingNumber", "SF2026")]);
        Assert.Equal("已发货", page.Text("#order-status"));
        var number = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == orderId).Select(o => o.Number).SingleAsync());
        return (buyer, supplier, orderId, number);
    }

    private static async Task<byte[]> PdfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [SkippableFact]
    public async Task TheDeliveryNoteAndAcceptanceRecordNameEverythingAndRecordAShortDeliveryWithoutMovingMoney()
    {
        var buyerEmail = await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer);
        var (buyer, supplier, orderId, number) = await ShippedTeaOrderAsync(buyerEmail);
        var shipment = await Factory.WithDbAsync(db => db.Shipments.Where(s => s.OrderId == orderId).Select(s => new { s.Id, s.ShippedAtUtc }).SingleAsync());

        var orderPage = await buyer.GetPageAsync($"/orders/{orderId}");
        Assert.Null(orderPage.Find("#acceptance-record-1"));
        var noteUrl = orderPage.Get("#delivery-note-1").GetAttribute("href")!;
        Assert.Equal($"/orders/{orderId}?handler=DeliveryNote&shipmentId={shipment.Id}", noteUrl);
        var note = await PdfAsync(buyer, noteUrl);
        var text = PdfPapers.Compact(note);
        Assert.Contains("送货单", text);
        Assert.Contains($"订单号{number}", text);
        Assert.Contains($"采购单位{Hospital}", text);
        Assert.Contains($"供应商{Yongshun}", text);
        Assert.Contains("第1批", text);
        Assert.Contains("发货时间" + ShanghaiTime.Format(shipment.ShippedAtUtc).Replace(" ", ""), text);
        Assert.Contains("顺丰速运SF2026", text);
        // The line: title (code), spec, unit, ordered, delivered.
        var listing = await Factory.ListingIdAsync(Tea);
        Assert.Contains($"永顺莓茶250g(L{listing})", text);
        Assert.Matches(@"盒1010", text);
        Assert.Equal([$"https://storefront.test/orders/{orderId}"], PdfPapers.QrCodes(note));
        Assert.Contains($"https://storefront.test/orders/{orderId}", text);

        // The supplier downloads the same note from its own order page; nobody else gets it.
        var supplierPage = await supplier.GetPageAsync($"/supplier/orders/{orderId}");
        var supplierNote = await PdfAsync(supplier, supplierPage.Get("#delivery-note-1").GetAttribute("href")!);
        Assert.Contains($"供应商{Yongshun}", PdfPapers.Compact(supplierNote));
        var school = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync(noteUrl)).StatusCode);
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        Assert.Equal(HttpStatusCode.NotFound, (await dongkou.GetAsync($"/supplier/orders/{orderId}?handler=DeliveryNote&shipmentId={shipment.Id}")).StatusCode);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        Assert.NotEqual("application/pdf", (await admin.GetAsync(noteUrl)).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/orders/{orderId}?handler=AcceptanceRecord&shipmentId={shipment.Id}")).StatusCode);
        Assert.NotEqual("application/pdf", (await Client().GetAsync(noteUrl)).Content.Headers.ContentType?.MediaType);

        // Two boxes arrived crushed: the buyer accepts eight, says why, and adds a photo.
        var counted = () => Factory.WithDbAsync(db => db.QuotaEntries.Where(e => e.OrderId == orderId).SumAsync(e => e.AmountFen));
        Assert.Equal(68_000, await counted());
        var line = orderPage.Get("#receive-form-1 input[type=number]").GetAttribute("name")!;
        var lineId = line["Accepted[".Length..^1];
        var photo = TestImages.Png(640, 480);
        var withoutKind = await orderPage.SubmitAsync(buyer, "#receive-form-1", [new(line, "8"), new("ReceiptNote", "两盒压坏")]);
        Assert.Contains("请选择原因", withoutKind.Text(".form-errors"));
        var received = await orderPage.SubmitAsync(buyer, "#receive-form-1", [new(line, "8"), new($"Shortfall[{lineId}]", "Damaged"), new("ReceiptNote", "两盒压坏")],
            files: [("ReceiptPhoto", "crushed.png", photo, "image/png")]);
        Assert.Equal("已完成", received.Text("#order-status"));
        Assert.Contains("未验收 2 盒（破损）", received.Text("#shipment-1"));
        Assert.StartsWith("验收短缺金额（按订单单价）：¥136.00。", received.Text("#order-shortfall"));
        // Recorded, not refunded: the counted amount and the payment stay as they were.
        Assert.Equal(68_000, await counted());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Refunds.CountAsync(r => r.OrderId == orderId)));

        var receipt = await Factory.WithDbAsync(db => db.Receipts.Where(r => r.ShipmentId == shipment.Id).Select(r => new { r.ReceivedAtUtc }).SingleAsync());
        var record = await PdfAsync(buyer, received.Get("#acceptance-record-1").GetAttribute("href")!);
        var recordText = PdfPapers.Compact(record);
        Assert.Contains("验收单", recordText);
        Assert.Contains($"采购单位{Hospital}", recordText);
        Assert.Contains($"供应商{Yongshun}", recordText);
        Assert.Contains("验收时间" + ShanghaiTime.Format(receipt.ReceivedAtUtc).Replace(" ", ""), recordText);
        Assert.Contains("验收人测试Buyer", recordText);
        // Unit, delivered, accepted, short, reason.
        Assert.Contains($"永顺莓茶250g(L{listing})盒1082破损", recordText);
        Assert.Contains("验收短缺金额（按订单单价）：¥136.00", recordText);
        Assert.Contains("验收说明：两盒压坏", recordText);
        Assert.Equal([$"https://storefront.test/orders/{orderId}"], PdfPapers.QrCodes(record));

        // The supplier sees the shortfall, the note and the photo on its order page, and refunds it through the refund form.
        supplierPage = await supplier.GetPageAsync($"/supplier/orders/{orderId}");
        Assert.Contains("未验收 2 盒（破损）", supplierPage.Text("#shipment-1"));
        Assert.Contains("两盒压坏", supplierPage.Text("#receipt-1"));
        Assert.StartsWith("验收短缺金额（按订单单价）：¥136.00。", supplierPage.Text("#order-shortfall"));
        var photoUrl = supplierPage.Get("#receipt-photo-1").GetAttribute("href")!;
        var served = await supplier.GetAsync(photoUrl);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(photo, await (await buyer.GetAsync($"/orders/{orderId}?handler=ReceiptPhoto&shipmentId={shipment.Id}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await dongkou.GetAsync($"/supplier/orders/{orderId}?handler=ReceiptPhoto&shipmentId={shipment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/orders/{orderId}?handler=AcceptanceRecord&shipmentId={shipment.Id}")).StatusCode);
        Assert.Contains("验收单", PdfPapers.Compact(await PdfAsync(supplier, supplierPage.Get("#acceptance-record-1").GetAttribute("href")!)));

        var refunded = await supplierPage.SubmitAsync(supplier, "#refund-form", [new("Refund.Amount", "136.00"), new("Refund.Reason", "两盒压坏，按验收短缺退款")]);
        Assert.Contains("¥136.00", refunded.Text(".flash"));
        Assert.Equal(68_000 - 13_600, await counted());
    }

    [SkippableFact]
    public async Task AShortfallPhotoIsCheckedBeforeItIsDecodedAndARefusedOneLeavesTheShipmentUnreceived()
    {
        var (buyer, _, orderId, _) = await ShippedTeaOrderAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
        var page = await buyer.GetPageAsync($"/orders/{orderId}");
        var line = page.Get("#receive-form-1 input[type=number]").GetAttribute("name")!;
        IEnumerable<KeyValuePair<string, string>> fields = [new(line, "9"), new($"Shortfall[{line["Accepted[".Length..^1]}]", "Missing"), new("ReceiptNote", "少一盒")];

        var text = await page.SubmitAsync(buyer, "#receive-form-1", fields, files: [("ReceiptPhoto", "note.png", "<html>not a photo</html>"u8.ToArray(), "image/png")]);
        Assert.Contains("照片须为 JPEG、PNG 或 WebP 图片", text.Errors.Single());
        var bomb = await page.SubmitAsync(buyer, "#receive-form-1", fields, files: [("ReceiptPhoto", "huge.png", TestImages.PngDeclaring(100_000, 100_000), "image/png")]);
        Assert.Contains("照片尺寸过大", bomb.Errors.Single());
        var polyglot = await page.SubmitAsync(buyer, "#receive-form-1", fields, files: [("ReceiptPhoto", "x.jpg", TestImages.HtmlJpegPolyglot(), "image/jpeg")]);
        Assert.Contains("夹带了网页或脚本代码", polyglot.Errors.Single());
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Receipts.CountAsync(r => db.Shipments.Any(s => s.Id == r.ShipmentId && s.OrderId == orderId))));

        // Without a photo the shortfall is taken as well.
        var received = await page.SubmitAsync(buyer, "#receive-form-1", fields);
        Assert.Contains("未验收 1 盒（短少）", received.Text("#shipment-1"));
        Assert.Null(received.Find("#receipt-photo-1"));
    }

    [SkippableFact]
    public async Task AnOrganisationRatesEachOrderOnceAfterAcceptanceAndTheSupplierPageShowsTheAverageWithTheCount()
    {
        var rice = await Factory.ListingIdAsync(Rice);
        var supplierId = await Factory.WithDbAsync(db => db.Listings.Where(l => l.Id == rice).Select(l => l.SupplierId).SingleAsync());
        var visitor = Client();
        Assert.Equal("暂无评价", (await visitor.GetPageAsync($"/suppliers/{supplierId}")).Text("#supplier-ratings"));

        var orders = new List<(HttpClient Buyer, long OrderId)>();
        for (var i = 0; i < 2; i++)
        {
            var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
            await buyer.QuickOrderAsync($"L{rice}, 200");
            var purchase = await buyer.CheckOutAsync();
            var admin = await SignedInClientAsync(DemoData.AdminEmail);
            await (await admin.GetPageAsync($"/admin/orders/purchases/{PurchaseIdOf(purchase)}")).SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
            orders.Add((buyer, OrderIdsOf(purchase).Single()));
        }
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        foreach (var (_, orderId) in orders)
        {
            var page = await (await dongkou.GetPageAsync($"/supplier/orders/{orderId}")).SubmitAsync(dongkou, "#accept-form");
            await page.SubmitAsync(dongkou, "#ship-form", [new("Carrier", "自有车辆")]);
        }

        // Before acceptance there is no form, and a crafted post is refused.
        var (first, firstOrder) = orders[0];
        var before = await first.GetPageAsync($"/orders/{firstOrder}");
        Assert.Null(before.Find("#rating-form"));
        var early = await first.PostWithTokenAsync($"/orders/{firstOrder}?handler=Rate", [new("Stars", "5")]);
        Assert.Equal(HttpStatusCode.OK, early);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.SupplierRatings.CountAsync(r => r.OrderId == firstOrder)));

        var received = await before.SubmitAsync(first, "#receive-form-1");
        var noStars = await received.SubmitAsync(first, "#rating-form", [new("RatingComment", "大米新鲜")]);
        Assert.Contains("请选择 1 至 5 星", noStars.Text(".form-errors"));
        var rated = await received.SubmitAsync(first, "#rating-form", [new("Stars", "4"), new("RatingComment", "大米新鲜，送货准时")]);
        Assert.StartsWith("4 星 · 大米新鲜，送货准时", rated.Text("#order-rating p"));
        Assert.Null(rated.Find("#rating-form"));
        var again = await received.SubmitAsync(first, "#rating-form", [new("Stars", "1")]);
        Assert.Contains("本订单已评价过", again.Text(".form-errors"));
        Assert.Equal("平均 4.0 星（1 条评价）", (await visitor.GetPageAsync($"/suppliers/{supplierId}")).Text("#supplier-ratings"));

        var (second, secondOrder) = orders[1];
        var secondPage = await (await second.GetPageAsync($"/orders/{secondOrder}")).SubmitAsync(second, "#receive-form-1");
        await secondPage.SubmitAsync(second, "#rating-form", [new("Stars", "5")]);
        Assert.Equal("平均 4.5 星（2 条评价）", (await visitor.GetPageAsync($"/suppliers/{supplierId}")).Text("#supplier-ratings"));
        // The supplier sees what it was given on the order.
        Assert.StartsWith("5 星", (await dongkou.GetPageAsync($"/supplier/orders/{secondOrder}")).Text("#order-rating p"));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SupplierRatings.CountAsync(r => r.SupplierId == supplierId)));
    }
}
