using System.Net;
using System.Text;
using Storefront.Core.Auditing;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Admin;

public class AuditLogPageOnSqlite(StorefrontFactory factory) : AuditLogPageTests<StorefrontFactory>(factory);
public class AuditLogPageOnPostgreSql(PostgreSqlStorefrontFactory factory) : AuditLogPageTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>/admin/audit: who did what to which record, filtered by person, kind and Shanghai dates, paged and exported.</summary>
public abstract class AuditLogPageTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>A person of their own (so that the demo's entries stay out of the counts) and what they did.</summary>
    private async Task<string> PersonWithEntriesAsync(params (DateTime AtUtc, string Action, string SubjectType, string SubjectId, string? Reason)[] entries)
    {
        Client();
        var person = $"audit-{Guid.NewGuid():N}";
        await Factory.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(entries.Select(e => new AuditEntry
            {
                AtUtc = e.AtUtc, ActorUserId = person, ActorName = $"审计员{person[^4..]}", Action = e.Action, SubjectType = e.SubjectType, SubjectId = e.SubjectId, Reason = e.Reason,
            }));
            return await db.SaveChangesAsync();
        });
        return person;
    }

    private static List<string> Actions(HtmlPage page) => page.All("#audit-entries tbody tr td:nth-child(4)").Select(c => c.TextContent.Trim()).ToList();

    [SkippableFact]
    public async Task EntriesAreFilteredByPersonKindAndShanghaiDatesBothDaysIncluded()
    {
        var person = await PersonWithEntriesAsync(
            (new DateTime(2026, 3, 1, 15, 59, 0, DateTimeKind.Utc), "Supplier.Approve", "Supplier", "1", null),    // 3月1日 23:59 in Shanghai
            (new DateTime(2026, 3, 1, 16, 0, 0, DateTimeKind.Utc), "Supplier.Suspend", "Supplier", "2", "抽检不合格"), // 3月2日 00:00
            (new DateTime(2026, 3, 2, 15, 59, 0, DateTimeKind.Utc), "Quota.Correction", "Organisation", "3", "补录"),  // 3月2日 23:59
            (new DateTime(2026, 3, 2, 16, 0, 0, DateTimeKind.Utc), "Supplier.Reinstate", "Supplier", "2", null));  // 3月3日 00:00
        var admin = await SignedInClientAsync(DemoData.AdminEmail);

        var all = await admin.GetPageAsync($"/admin/audit?person={person}");
        Assert.Equal(["Supplier.Reinstate", "Quota.Correction", "Supplier.Suspend", "Supplier.Approve"], Actions(all));
        Assert.Equal("共 4 条记录", all.Text("#audit-count").Split('·')[0].Trim());
        Assert.Contains("供应商", all.All("#kind option").Select(o => o.TextContent));

        var dayTwo = await admin.GetPageAsync($"/admin/audit?person={person}&from=2026-03-02&to=2026-03-02");
        Assert.Equal(["Quota.Correction", "Supplier.Suspend"], Actions(dayTwo));
        Assert.Equal("2026-03-02 00:00", dayTwo.Text("#audit-entries tbody tr:last-child td:first-child"));

        var suppliers = await admin.GetPageAsync($"/admin/audit?person={person}&kind=Supplier&from=2026-03-02");
        Assert.Equal(["Supplier.Reinstate", "Supplier.Suspend"], Actions(suppliers));
        var row = suppliers.Get("#audit-entries tbody tr:last-child");
        Assert.Equal(("审计员" + person[^4..], "供应商", "/admin/suppliers/2", "抽检不合格"),
            (row.Children[1].TextContent.Trim(), row.Children[2].TextContent.Trim(), row.QuerySelector("a")!.GetAttribute("href"), row.Children[5].TextContent.Trim()));
    }

    [SkippableFact]
    public async Task AnEndBeforeTheStartIsRefusedBesideTheForm()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync("/admin/audit?from=2026-03-05&to=2026-03-01");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("截止日期不能早于起始日期。", page.Text(".form-errors"));
        Assert.Null(page.Find("#audit-entries"));
    }

    [SkippableFact]
    public async Task TheLogIsPagedFiftyAtATime()
    {
        var start = new DateTime(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc);
        var person = await PersonWithEntriesAsync(Enumerable.Range(0, 60).Select(i => (start.AddMinutes(i), $"Quota.Step{i:D2}", "QuotaYear", "2026", (string?)null)).ToArray());
        var admin = await SignedInClientAsync(DemoData.AdminEmail);

        var first = await admin.GetPageAsync($"/admin/audit?person={person}");
        Assert.Equal(50, Actions(first).Count);
        Assert.Equal("Quota.Step59", Actions(first)[0]);
        var next = first.Get("#audit-pager a").GetAttribute("href")!;
        Assert.Equal($"/admin/audit?person={person}&page=2", next);
        var second = await admin.GetPageAsync(next);
        Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"Quota.Step{i:D2}"), Actions(second));
    }

    [SkippableFact]
    public async Task TheExportHoldsTheFilteredEntriesWithFormulasDisarmed()
    {
        var person = await PersonWithEntriesAsync(
            (new DateTime(2026, 5, 6, 1, 30, 0, DateTimeKind.Utc), "Organisation.Reject", "Organisation", "7", "=HYPERLINK(\"http://x\")"),
            (new DateTime(2026, 5, 7, 1, 30, 0, DateTimeKind.Utc), "Supplier.Approve", "Supplier", "8", null));
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var page = await admin.GetPageAsync($"/admin/audit?person={person}&kind=Organisation");

        var csv = await admin.GetAsync(page.Get("#export-csv").GetAttribute("href"));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').TrimEnd().Split("\r\n");
        Assert.Equal("时间,操作人,类别,操作,记录,记录编号,理由与说明,说明", lines[0]);
        Assert.Equal($"2026-05-06 09:30,审计员{person[^4..]},采购单位,Organisation.Reject,Organisation,7,\"'=HYPERLINK(\"\"http://x\"\")\",", lines[1]);
        Assert.Equal(2, lines.Length);

        var xlsx = await admin.GetAsync(page.Get("#export-xlsx").GetAttribute("href"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var (table, problem) = await Tables.TableFiles.ReadAsync(new MemoryStream(bytes), 10);
        Assert.Equal(Tables.TableFiles.Problem.None, problem);
        // In a workbook the text is a text cell, never a formula: a spreadsheet shows it as written.
        Assert.Equal("=HYPERLINK(\"http://x\")", Assert.Single(table!.Rows).Cells[6]);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).Open());
        Assert.DoesNotMatch("<(x:)?f[ >]", await sheet.ReadToEndAsync());
    }

    [SkippableFact]
    public async Task OnlyAdminsReadTheLog()
    {
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetPageAsync("/admin/audit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetAsync("/admin/audit?handler=Export&format=csv")).StatusCode);
    }
}
