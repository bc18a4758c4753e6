using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Fapiao;
using Storefront.Core.Money;
using Storefront.Core.Notifications;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;
using static Storefront.Web.Tests.Ordering.OrderingSteps;
using static Storefront.Web.Tests.Payments.PaymentSteps;

namespace Storefront.Web.Tests.Fapiao;

public class FapiaoOnSqlite(StorefrontFactory factory) : FapiaoTests<StorefrontFactory>(factory);
public class FapiaoOnPostgreSql(PostgreSqlStorefrontFactory factory) : FapiaoTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Fapiaos end to end through the pages: the buyer requests one for a paid order, the supplier records it with its file,
/// the organisation downloads it and nobody else can; a refund makes it wrong and the supplier reverses it with a
/// red-letter fapiao; admins see the orders paid 30 days ago and not invoiced.
/// </summary>
public abstract class FapiaoTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    public static byte[] Pdf(string marker) => System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n% {marker}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Ofd()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("OFD.xml").Open()))
            writer.Write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" DocType=\"OFD\"/>");
        return buffer.ToArray();
    }

    private static string NewNumber() => Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "123456789";

    /// <summary>Rice and tea bought by a new hospital buyer: the purchase, its two orders, and the record of the transfer (not yet made).</summary>
    private async Task<(HttpClient Buyer, long PurchaseId, long Rice, long Tea)> CheckedOutAsync()
    {
        await Factory.WithoutApprovalAsync(Hospital);
        var buyer = await Factory.BuyerWithCartAsync(SignedInClientAsync, Hospital);
        var purchase = await (await buyer.GetPageAsync("/cart/checkout")).SubmitAsync(buyer, "#checkout-form");
        var purchaseId = PurchaseIdOf(purchase);
        var orders = await Factory.OrdersOfAsync(purchaseId);
        return (buyer, purchaseId, orders[0], orders[1]);
    }

    private async Task PayAsync(long purchaseId)
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var paid = await (await admin.GetPageAsync($"/admin/orders/purchases/{purchaseId}"))
            .SubmitAsync(admin, "#transfer-form", [new("Transfer.Reference", $"ICBC-{Guid.NewGuid():N}"[..20])]);
        Assert.Contains("已登记", paid.Text(".flash"));
    }

    private static Task<HtmlPage> RequestAsync(HttpClient buyer, long order, IEnumerable<KeyValuePair<string, string>> fields) =>
        buyer.GetPageAsync($"/orders/{order}/fapiao").ContinueWith(p => p.Result.SubmitAsync(buyer, "#fapiao-request-form", fields)).Unwrap();

    private static async Task<HtmlPage> IssueAsync(HttpClient supplier, long order, string number, byte[] file, string fileName, string? amount = null)
    {
        var page = await supplier.GetPageAsync($"/supplier/orders/{order}/fapiao");
        List<KeyValuePair<string, string>> fields = [new("Issue.Number", number)];
        if (amount is not null) fields.Add(new("Issue.Amount", amount));
        return await page.SubmitAsync(supplier, "#fapiao-issue-form", fields, files: [("file", fileName, file, "application/octet-stream")]);
    }

    [SkippableFact]
    public async Task ABuyerRequestsTheFapiaoOfAPaidOrderTheSupplierUploadsItAndOnlyTheOrganisationDownloadsIt()
    {
        Client();
        var (buyer, purchaseId, _, tea) = await CheckedOutAsync();

        // Before payment there is nothing to invoice: no link, and a forged request is refused.
        var unpaid = await buyer.GetPageAsync($"/orders/{tea}");
        Assert.Equal("订单付款后可申请开票。", unpaid.Text("#fapiao-none"));
        Assert.Null(unpaid.Find("#fapiao-action"));
        var closed = await buyer.GetPageAsync($"/orders/{tea}/fapiao");
        Assert.Null(closed.Find("#fapiao-request-form"));
        Assert.Equal(HttpStatusCode.OK, await buyer.PostWithTokenAsync($"/orders/{tea}/fapiao",
            [new("Input.Kind", "Ordinary"), new("Input.Title", Hospital), new("Input.Email", "caiwu@hospital.example.cn")]));
        Assert.False(await Factory.WithDbAsync(db => db.FapiaoRequests.AnyAsync(r => r.OrderId == tea)));

        await PayAsync(purchaseId);
        var order = await buyer.GetPageAsync($"/orders/{tea}");
        Assert.Equal("尚未申请开票。", order.Text("#fapiao-none"));
        var form = await buyer.GetPageAsync(order.Get("#fapiao-action").GetAttribute("href")!);
        // Prefilled from the organisation: its name and credit code.
        var hospital = await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Hospital).Select(o => new { o.Name, o.CreditCode }).SingleAsync());
        Assert.Equal(hospital.Name, form.Get("#Input_Title").GetAttribute("value"));
        Assert.Equal(hospital.CreditCode, form.Get("#Input_TaxId").GetAttribute("value"));

        var noTaxId = await form.SubmitAsync(buyer, "#fapiao-request-form", [new("Input.Kind", "Special"), new("Input.TaxId", "")]);
        Assert.Equal("专用发票须填写纳税人识别号。", noTaxId.Text("#tax-id-error"));
        var wrongCheck = await form.SubmitAsync(buyer, "#fapiao-request-form",
            [new("Input.Kind", "Special"), new("Input.TaxId", hospital.CreditCode[..17] + (hospital.CreditCode[17] == '1' ? '2' : '1'))]);
        Assert.Equal("统一社会信用代码校验位不正确，请核对。", wrongCheck.Text("#tax-id-error"));
        var badEmail = await form.SubmitAsync(buyer, "#fapiao-request-form", [new("Input.Email", "caiwu@")]);
        Assert.Equal("邮箱格式不正确。", badEmail.Text("#email-error"));
        var badKind = await form.SubmitAsync(buyer, "#fapiao-request-form", [new("Input.Kind", "Receipt")]);
        Assert.Contains("请选择发票类型。", badKind.Errors);
        Assert.False(await Factory.WithDbAsync(db => db.FapiaoRequests.AnyAsync(r => r.OrderId == tea)));

        var requested = await form.SubmitAsync(buyer, "#fapiao-request-form",
            [new("Input.Kind", "Special"), new("Input.TaxId", hospital.CreditCode.ToLowerInvariant()), new("Input.Email", "caiwu@hospital.example.cn")]);
        Assert.Equal($"/orders/{tea}", requested.Url!.AbsolutePath);
        Assert.Contains("开票申请已提交", requested.Text(".flash"));
        Assert.Equal("增值税专用发票", requested.Text("#fapiao-kind"));
        Assert.Equal(hospital.CreditCode, requested.Text("#fapiao-tax-id"));
        Assert.Equal("caiwu@hospital.example.cn", requested.Text("#fapiao-email"));
        Assert.Contains("申请开票", requested.Text("#order-history"));

        // The supplier is told, and finds the request in its list and on its start page.
        var yongshunMembers = await Factory.WithDbAsync(db => db.SupplierMembers.CountAsync(m => m.Supplier.Name == "永顺县松柏莓茶专业合作社"));
        Assert.Equal(yongshunMembers, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.Kind == NotificationKind.FapiaoRequested && n.Link == $"/supplier/orders/{tea}/fapiao")));
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var list = await yongshun.GetPageAsync("/supplier/fapiao");
        var row = list.Get($"#fapiao-requests tr[data-order='{tea}']");
        Assert.Contains("增值税专用发票", row.TextContent);
        Assert.Contains("¥3,230.00", row.TextContent);
        Assert.Contains("待开票", row.TextContent);
        Assert.Matches(@"^[1-9]\d* 个待处理$", (await yongshun.GetPageAsync("/supplier")).Text("#fapiao-waiting-count"));

        // Only a PDF or an OFD, and not for more than was paid.
        var html = await IssueAsync(yongshun, tea, NewNumber(), "<html><script>alert(1)</script></html>"u8.ToArray(), "fapiao.pdf");
        Assert.Equal("只接受 PDF 或 OFD 格式的发票文件。", html.Text("#issue-file-error"));
        var tooMuch = await IssueAsync(yongshun, tea, NewNumber(), Pdf("x"), "fapiao.pdf", amount: "3230.01");
        Assert.Equal("金额超过待开票金额 ¥3,230.00。", tooMuch.Text("#issue-amount-error"));
        var badNumber = await IssueAsync(yongshun, tea, "1234", Pdf("x"), "fapiao.pdf");
        Assert.Equal("发票号码应为 8 至 20 位数字。", badNumber.Text("#issue-number-error"));
        Assert.False(await Factory.WithDbAsync(db => db.IssuedFapiaos.AnyAsync(f => f.OrderId == tea)));

        var number = NewNumber();
        var content = Pdf($"fapiao {number}");
        var issued = await IssueAsync(yongshun, tea, number, content, "莓茶发票.pdf");
        Assert.Contains($"发票 {number} 已登记", issued.Text(".flash"));
        Assert.Equal("¥0.00", issued.Text("#fapiao-open"));
        Assert.Null(issued.Find("#fapiao-issue-form"));
        var fapiao = await Factory.WithDbAsync(db => db.IssuedFapiaos.AsNoTracking().SingleAsync(f => f.OrderId == tea));
        Assert.Equal((TeaFen, (long?)null, "application/pdf", "莓茶发票.pdf"), (fapiao.AmountFen, fapiao.ReversesId, fapiao.ContentType, fapiao.FileName));
        Assert.Equal(ShanghaiTime.DateOf(DateTime.UtcNow), fapiao.IssuedOn);

        // The buyer is told, in the shop and at the address given; the order lists the fapiao with its file.
        var buyerId = await Factory.WithDbAsync(db => db.FapiaoRequests.Where(r => r.OrderId == tea).Select(r => r.RequestedByUserId).SingleAsync());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == buyerId && n.Kind == NotificationKind.FapiaoIssued && n.Link == $"/orders/{tea}")));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.OutgoingMails.CountAsync(m => m.To == "caiwu@hospital.example.cn" && m.TextBody.Contains($"/orders/{tea}"))));
        var withFapiao = await buyer.GetPageAsync($"/orders/{tea}");
        var link = withFapiao.Get($"#fapiao-list tr[data-fapiao='{fapiao.Id}'] a.fapiao-file");
        Assert.Equal($"/orders/{tea}/fapiao/{fapiao.Id}", link.GetAttribute("href"));
        Assert.Equal("¥3,230.00", withFapiao.Text("#fapiao-issued"));
        Assert.Null(withFapiao.Find("#fapiao-action"));
        var download = await buyer.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("no-store", download.Headers.CacheControl!.ToString());
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());

        // Another organisation's buyer, another supplier and nobody signed in get nothing; the supplier and admins do.
        var school = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.NotFound, (await school.GetAsync($"/orders/{tea}/fapiao/{fapiao.Id}")).StatusCode);
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        Assert.Equal(HttpStatusCode.NotFound, (await dongkou.GetAsync($"/supplier/orders/{tea}/fapiao/{fapiao.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dongkou.GetAsync($"/supplier/orders/{tea}/fapiao")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/supplier/orders/{tea}/fapiao/{fapiao.Id}")).StatusCode);
        var anonymous = Factory.CreateClientWithoutRedirects();
        var redirect = await anonymous.GetAsync($"/orders/{tea}/fapiao/{fapiao.Id}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in", redirect.Headers.Location!.PathAndQuery);
        Assert.Equal(content, await yongshun.GetByteArrayAsync($"/supplier/orders/{tea}/fapiao/{fapiao.Id}"));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var adminLink = (await admin.GetPageAsync($"/admin/orders/{tea}")).Get($"#fapiao-list tr[data-fapiao='{fapiao.Id}'] a.fapiao-file").GetAttribute("href")!;
        Assert.Equal(content, await admin.GetByteArrayAsync(adminLink));

        // Once issued, the request no longer changes, and the same number is not recorded twice.
        var after = await buyer.GetPageAsync($"/orders/{tea}/fapiao");
        Assert.Equal("发票已开具，开票信息不能再修改。", after.Text("#fapiao-request-closed"));
        await buyer.PostWithTokenAsync($"/orders/{tea}/fapiao", [new("Input.Kind", "Ordinary"), new("Input.Title", "别的抬头"), new("Input.Email", "x@example.cn")]);
        Assert.Equal(Hospital, await Factory.WithDbAsync(db => db.FapiaoRequests.Where(r => r.OrderId == tea).Select(r => r.Title).SingleAsync()));
    }

    [SkippableFact]
    public async Task ARefundMakesTheFapiaoWrongAndTheSupplierReversesItWithARedLetterFapiaoTheOrderShows()
    {
        Client();
        var (buyer, purchaseId, _, tea) = await CheckedOutAsync();
        await PayAsync(purchaseId);
        // An ordinary fapiao needs no tax id.
        var requested = await RequestAsync(buyer, tea, [new("Input.Kind", "Ordinary"), new("Input.TaxId", ""), new("Input.Email", "caiwu@hospital.example.cn")]);
        Assert.Equal("未填写", requested.Text("#fapiao-tax-id"));
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        var original = NewNumber();
        var issued = await IssueAsync(yongshun, tea, original, Ofd(), "fapiao.ofd");
        Assert.Contains(original, issued.Text(".flash"));
        Assert.Empty(issued.All(".red-letter-form"));
        var originalId = await Factory.WithDbAsync(db => db.IssuedFapiaos.Where(f => f.OrderId == tea).Select(f => f.Id).SingleAsync());
        Assert.Equal("application/ofd", await Factory.WithDbAsync(db => db.IssuedFapiaos.Where(f => f.Id == originalId).Select(f => f.ContentType).SingleAsync()));

        // Without a refund there is nothing to reverse: a forged form is refused and changes nothing.
        var token = issued.Get("#sign-out-form input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var forged = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(NewNumber()), "Red.Number" },
            { new StringContent(ShanghaiTime.DateOf(DateTime.UtcNow).ToString("yyyy-MM-dd")), "Red.IssuedOn" }, { new StringContent("500"), "Red.Amount" },
            { new ByteArrayContent(Pdf("red")), "file", "red.pdf" },
        };
        var early = await yongshun.PostPageAsync($"/supplier/orders/{tea}/fapiao?handler=RedLetter&reversesId={originalId}", forged);
        Assert.Contains("只有退款使已开票金额超过实付金额时，才登记红字发票。", early.Errors);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.IssuedFapiaos.CountAsync(f => f.OrderId == tea)));

        // The supplier refunds ¥500: the order is now invoiced for more than was paid.
        await (await yongshun.GetPageAsync($"/supplier/orders/{tea}")).SubmitAsync(yongshun, "#refund-form", [new("Refund.Amount", "500"), new("Refund.Reason", "部分破损")]);
        var wrong = await buyer.GetPageAsync($"/orders/{tea}");
        Assert.Equal("已开票 ¥3,230.00，超过退款后的实付金额 ¥2,730.00，供应商需开具红字发票冲销。", wrong.Text("#fapiao-needs-red-letter"));
        var page = await yongshun.GetPageAsync($"/supplier/orders/{tea}/fapiao");
        Assert.Equal("500.00", page.Get($"#Red_Amount_{originalId}").GetAttribute("value"));
        var beyond = await page.SubmitAsync(yongshun, $"#red-letter-form-{originalId}", [new("Red.Number", NewNumber()), new("Red.Amount", "3230.01")],
            files: [("file", "red.pdf", Pdf("red"), "application/pdf")]);
        Assert.Contains("冲销金额超过原发票尚未冲销的 ¥3,230.00。", beyond.Errors);
        var redNumber = NewNumber();
        var red = await page.SubmitAsync(yongshun, $"#red-letter-form-{originalId}", [new("Red.Number", redNumber)],
            files: [("file", "红字发票.pdf", Pdf("red"), "application/pdf")]);
        Assert.Contains($"红字发票 {redNumber} 已登记", red.Text(".flash"));
        Assert.Empty(red.All(".red-letter-form"));

        var stored = await Factory.WithDbAsync(db => db.IssuedFapiaos.AsNoTracking().Where(f => f.OrderId == tea).OrderBy(f => f.Id).ToListAsync());
        Assert.Equal([(TeaFen, (long?)null), (-50_000L, (long?)originalId)], stored.Select(f => (f.AmountFen, f.ReversesId)));
        var shown = await buyer.GetPageAsync($"/orders/{tea}");
        Assert.Null(shown.Find("#fapiao-needs-red-letter"));
        var redRow = shown.Get($"#fapiao-list tr[data-fapiao='{stored[1].Id}']");
        Assert.Contains($"红字发票，冲销 {original}", redRow.TextContent);
        Assert.Contains("-¥500.00", redRow.TextContent);
        Assert.Equal("¥2,730.00", shown.Text("#fapiao-issued"));
        Assert.Contains("红字发票已开具", shown.Text("#order-history"));
        Assert.Equal(Pdf("red"), await buyer.GetByteArrayAsync($"/orders/{tea}/fapiao/{stored[1].Id}"));
        var buyerId = await Factory.WithDbAsync(db => db.FapiaoRequests.Where(r => r.OrderId == tea).Select(r => r.RequestedByUserId).SingleAsync());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == buyerId && n.Kind == NotificationKind.FapiaoReversed)));
    }

    [SkippableFact]
    public async Task AdminsSeeOrdersPaidThirtyDaysAgoAndNotInvoicedAndExportThemWithFormulasGuarded()
    {
        Client();
        var (buyer, purchaseId, rice, tea) = await CheckedOutAsync();
        await PayAsync(purchaseId);
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var before = await admin.GetPageAsync("/admin/fapiao");
        Assert.Null(before.Find($"#uninvoiced-orders tr[data-order='{tea}']"));

        // Paid 31 days ago; the rice gets its fapiao, the tea does not.
        await Factory.WithDbAsync(db => db.Orders.Where(o => o.PurchaseId == purchaseId).ExecuteUpdateAsync(s => s.SetProperty(o => o.PaidAtUtc, DateTime.UtcNow.AddDays(-31))));
        await RequestAsync(buyer, rice, [new("Input.Email", "caiwu@hospital.example.cn")]);
        await RequestAsync(buyer, tea, [new("Input.Email", "caiwu@hospital.example.cn")]);
        var dongkou = await SignedInClientAsync(DemoData.SupplierEmail("dongkou"));
        Assert.Contains("已登记", (await IssueAsync(dongkou, rice, NewNumber(), Pdf("rice"), "rice.pdf")).Text(".flash"));

        var original = Hospital;
        const string Formula = "=HYPERLINK(\"http://evil.example\",\"点此\")";
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == original).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, Formula)));
        try
        {
            var expected = await Factory.WithDbAsync(db => Web.Pages.Admin.Fapiao.UninvoicedModel.Query(db, DateTime.UtcNow).CountAsync());
            var home = await admin.GetPageAsync("/admin");
            Assert.Equal($"{expected} 项待处理", home.Text("#tile-uninvoiced .tile-count"));
            Assert.Contains("waiting", home.Get("#tile-uninvoiced").ClassList);
            var list = await admin.GetPageAsync(home.Get("#tile-uninvoiced").GetAttribute("href")!);
            Assert.Contains($"共 {expected} 个订单", list.Text("#uninvoiced-count"));
            var row = list.Get($"#uninvoiced-orders tr[data-order='{tea}']");
            Assert.Contains("¥3,230.00", row.TextContent);
            Assert.Contains("31", row.QuerySelectorAll("td")[5].TextContent);
            Assert.Null(list.Find($"#uninvoiced-orders tr[data-order='{rice}']"));

            var csv = await admin.GetAsync("/admin/fapiao?handler=Export&format=csv");
            Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
            var text = await csv.Content.ReadAsStringAsync();
            var teaNumber = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == tea).Select(o => o.Number).SingleAsync());
            var riceNumber = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == rice).Select(o => o.Number).SingleAsync());
            var line = text.Split('\n').Single(l => l.StartsWith(teaNumber + ",", StringComparison.Ordinal));
            Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"点此\"\")\"", line);
            Assert.Contains(",3230,", line);
            Assert.DoesNotContain(riceNumber, text);
            Assert.StartsWith("订单号", text.TrimStart('\uFEFF'));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Formula).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, original)));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/admin/fapiao")).StatusCode);
    }
    [SkippableFact]
    public async Task TheDatabaseKeepsOneRequestPerOrderATaxIdOnASpecialFapiaoAndRedLetterAmountsNegative()
    {
        Client();
        var (_, purchaseId, _, tea) = await CheckedOutAsync();
        var order = await Factory.WithDbAsync(db => db.Orders.Where(o => o.Id == tea).Select(o => new { o.OrganisationId, o.SupplierId }).SingleAsync());
        var buyerId = await Factory.WithDbAsync(db => db.Purchases.Where(p => p.Id == purchaseId).Select(p => p.BuyerUserId).SingleAsync());
        FapiaoRequest Request(FapiaoKind kind, string? taxId) => new()
        {
            OrderId = tea, OrganisationId = order.OrganisationId, SupplierId = order.SupplierId, Kind = kind, Title = Hospital, TaxId = taxId,
            Email = "caiwu@hospital.example.cn", RequestedByUserId = buyerId, RequestedAtUtc = DateTime.UtcNow,
        };
        async Task<bool> RefusedAsync(Func<Core.Data.StorefrontDbContext, Task> work)
        {
            try { await Factory.WithDbAsync(work); return false; }
            catch (DbUpdateException) { return true; }
        }

        Assert.True(await RefusedAsync(db => { db.FapiaoRequests.Add(Request(FapiaoKind.Special, null)); return db.SaveChangesAsync(); }));
        var requestId = await Factory.WithDbAsync(async db => { var r = Request(FapiaoKind.Ordinary, null); db.FapiaoRequests.Add(r); await db.SaveChangesAsync(); return r.Id; });
        try
        {
            Assert.True(await RefusedAsync(db => { db.FapiaoRequests.Add(Request(FapiaoKind.Ordinary, null)); return db.SaveChangesAsync(); }));
            IssuedFapiao Fapiao(long amount, long? reverses) => new()
            {
                RequestId = requestId, OrderId = tea, OrganisationId = order.OrganisationId, SupplierId = order.SupplierId, Number = NewNumber(),
                IssuedOn = ShanghaiTime.DateOf(DateTime.UtcNow), AmountFen = amount, ReversesId = reverses, StoredName = $"{Guid.NewGuid():N}.pdf",
                ContentType = "application/pdf", FileName = "x.pdf", Length = 10, UploadedAtUtc = DateTime.UtcNow,
            };
            Assert.True(await RefusedAsync(db => { db.IssuedFapiaos.Add(Fapiao(-100, null)); return db.SaveChangesAsync(); }));
            var blue = await Factory.WithDbAsync(async db => { var f = Fapiao(100, null); db.IssuedFapiaos.Add(f); await db.SaveChangesAsync(); return f; });
            Assert.True(await RefusedAsync(db => { db.IssuedFapiaos.Add(Fapiao(100, blue.Id)); return db.SaveChangesAsync(); }));
            Assert.True(await RefusedAsync(db => { var twin = Fapiao(100, null); db.IssuedFapiaos.Add(new IssuedFapiao
            {
                RequestId = twin.RequestId, OrderId = twin.OrderId, OrganisationId = twin.OrganisationId, SupplierId = twin.SupplierId, Number = blue.Number,
                IssuedOn = twin.IssuedOn, AmountFen = 100, StoredName = twin.StoredName, ContentType = twin.ContentType, FileName = twin.FileName, Length = 10,
            }); return db.SaveChangesAsync(); }));
            await Factory.WithDbAsync(db => db.IssuedFapiaos.Where(f => f.RequestId == requestId).ExecuteDeleteAsync());
        }
        finally
        {
            await Factory.WithDbAsync(db => db.FapiaoRequests.Where(r => r.Id == requestId).ExecuteDeleteAsync());
        }
    }
}
