using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Demand;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Web.Demo;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Suppliers;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Demand;

public class ProcurementPlansOnSqlite(StorefrontFactory factory) : ProcurementPlanTests<StorefrontFactory>(factory);
public class ProcurementPlansOnPostgreSql(PostgreSqlStorefrontFactory factory) : ProcurementPlanTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// A school posts a procurement plan, the cooperatives of its trade and county quote and revise, the others neither
/// see it nor may quote by posting all the same, and the school compares the quotes; bad input changes nothing.
/// </summary>
public abstract class ProcurementPlanTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    /// <summary>The Monday at least a week from today (Shanghai), so that every date of the plan lies ahead.</summary>
    private static DateOnly NextMonday()
    {
        var d = ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(7);
        while (d.DayOfWeek != DayOfWeek.Monday) d = d.AddDays(1);
        return d;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<int> TeaAsync() => Factory.WithDbAsync(db => db.Categories.Where(c => c.Slug == "tea").Select(c => c.Id).SingleAsync());

    /// <summary>The school's default delivery address (学生食堂), from its address book.</summary>
    private Task<int> SchoolAddressAsync() => Factory.WithDbAsync(db => db.DeliveryAddresses
        .Where(a => a.OrganisationId == db.Organisations.Where(o => o.Name == School).Select(o => o.Id).Single())
        .OrderByDescending(a => a.IsDefault).ThenBy(a => a.Id).Select(a => a.Id).FirstAsync());

    /// <summary>The plan form's fields: 120 boxes of tea every Monday and Thursday for two weeks, at most ¥70.00 a box.</summary>
    private async Task<List<KeyValuePair<string, string>>> PlanFieldsAsync(int category, string description, DateOnly start) =>
        PlanFields(category, description, start, await SchoolAddressAsync());

    private static List<KeyValuePair<string, string>> PlanFields(int category, string description, DateOnly start, int address) =>
    [
        new("Input.CategoryId", category.ToString(CultureInfo.InvariantCulture)), new("Input.Description", description), new("Input.Spec", "250g/盒"),
        new("Input.QuantityPerDelivery", "120"), new("Input.Unit", "盒"), new("Input.Frequency", "Weekly"),
        new("Input.Weekdays", "Monday"), new("Input.Weekdays", "Thursday"),
        new("Input.StartDate", Iso(start)), new("Input.EndDate", Iso(start.AddDays(13))), new("Input.QuotesCloseOn", Iso(start.AddDays(-1))),
        new("Input.DeliveryAddressId", address.ToString(CultureInfo.InvariantCulture)), new("Input.LatestDeliveryTime", "09:30"), new("Input.PriceCeiling", "70.00"),
        new("Input.ProvinceCode", ""),
    ];

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, params (string Name, string Value)[] changes) =>
        [.. fields.Where(f => changes.All(c => c.Name != f.Key)), .. changes.Select(c => new KeyValuePair<string, string>(c.Name, c.Value))];

    /// <summary>Posts the fields as the form on the page would, with its antiforgery token.</summary>
    private static async Task<HtmlPage> PostAsync(HttpClient client, string pageUrl, string formSelector, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetPageAsync(pageUrl);
        var token = page.Get($"{formSelector} input[name='__RequestVerificationToken']").GetAttribute("value")!;
        return await client.PostPageAsync(action, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
    }

    private static Task<HtmlPage> PostPlanAsync(HttpClient buyer, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(buyer, "/organisation/plans/new", "#plan-form", "/organisation/plans/new", fields);

    /// <summary>An approver of the school, made once per test class run.</summary>
    private async Task<HttpClient> ApproverAsync() => await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Approver));

    /// <summary>Decides on a waiting plan through its form on /approvals.</summary>
    private static async Task<HtmlPage> DecidePlanAsync(HttpClient approver, long planId, string decision, string? comment = null)
    {
        var queue = await approver.GetPageAsync("/approvals");
        return await queue.SubmitAsync(approver, $"#decide-plan-{planId}", comment is null ? null : [new("Comment", comment)], submitName: "decision", submitValue: decision);
    }

    /// <summary>Posts a plan as the buyer and has an approver approve it, as the school's threshold requires; its id.</summary>
    private async Task<long> PostApprovedPlanAsync(HttpClient buyer, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var planId = PlanIdOf(await PostPlanAsync(buyer, fields));
        var approved = await DecidePlanAsync(await ApproverAsync(), planId, "Approve");
        Assert.Equal($"采购需求 #{planId} 已批准，已向供应商发布。", approved.Text(".flash"));
        return planId;
    }

    private static long PlanIdOf(HtmlPage page)
    {
        Assert.True(page.Url!.AbsolutePath.StartsWith("/organisation/plans/", StringComparison.Ordinal) && page.Status == HttpStatusCode.OK,
            $"not on a plan: {page.Url} {string.Join("; ", page.Errors)}");
        return long.Parse(page.Url.AbsolutePath.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static List<KeyValuePair<string, string>> QuoteFields(string price, int quantity, DateOnly first, int? listing = null) =>
    [
        new("Input.UnitPrice", price), new("Input.QuantityPerDelivery", quantity.ToString(CultureInfo.InvariantCulture)), new("Input.FirstDeliveryOn", Iso(first)),
        new("Input.ListingId", listing?.ToString(CultureInfo.InvariantCulture) ?? ""), new("Input.Note", "冷链配送"),
    ];

    /// <summary>Posts a quote to the plan straight to the handler, as a supplier who does not see the form could.</summary>
    private static Task<HtmlPage> QuoteAsync(HttpClient supplier, long planId, IEnumerable<KeyValuePair<string, string>> fields) =>
        PostAsync(supplier, "/supplier", "form", $"/supplier/demand/{planId}?handler=Quote", fields);

    /// <summary>A verified cooperative with a published tea listing; its county and status as asked.</summary>
    private async Task<(HttpClient Client, int SupplierId, int ListingId, string Name)> CooperativeAsync(string county = "433127", VerificationStatus status = VerificationStatus.Verified)
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(supplierId);
        var name = await Factory.WithDbAsync(async db =>
        {
            var supplier = await db.Suppliers.SingleAsync(s => s.Id == supplierId);
            supplier.CountyCode = county;
            if (status == VerificationStatus.Suspended) Assert.True(supplier.Suspend("抽检不合格", DateTime.UtcNow));
            await db.SaveChangesAsync();
            return supplier.Name;
        });
        return (await SignedInClientAsync(email), supplierId, listingId, name);
    }

    [SkippableFact]
    public async Task APlanIsQuotedAndRevisedByAMatchingCooperativeAndComparedByTheSchool()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var description = $"学生食堂莓茶{Guid.NewGuid():N}"[..14];
        var posted = await PostPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), description, start));
        var planId = PlanIdOf(posted);
        // The school has an approval threshold: the plan waits for an approver, and no cooperative sees it meanwhile.
        Assert.Equal($"采购需求 #{planId} 已提交，待本单位审批人批准后向供应商发布。", posted.Text("#status"));
        Assert.Equal("待审批", posted.Text("#plan-state"));
        // The plan keeps a copy of the address chosen from the school's book.
        Assert.Equal("学生食堂：湖南省 长沙市 岳麓区 长沙市岳麓区实验中学学生食堂（食堂管理员 0731-88880000）",
            await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.DeliveryAddress).SingleAsync()));
        var (coop, coopId, listingId, coopName) = await CooperativeAsync();
        Assert.Null((await coop.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await coop.GetAsync($"/supplier/demand/{planId}")).StatusCode);
        Assert.Equal($"采购需求 #{planId} 已批准，已向供应商发布。", (await DecidePlanAsync(await ApproverAsync(), planId, "Approve")).Text(".flash"));
        posted = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        Assert.Equal("报价中", posted.Text("#plan-state"));
        Assert.Equal("120 盒", posted.Text("#plan-quantity"));
        Assert.Equal("每周：星期一、星期四", posted.Text("#plan-schedule"));
        Assert.Equal($"{Iso(start)} – {Iso(start.AddDays(13))} · 共 4 次送货", posted.Text("#plan-period"));
        Assert.Equal("¥70.00 / 盒", posted.Text("#plan-ceiling"));
        Assert.Equal("全部脱贫县", posted.Text("#plan-counties"));
        Assert.Equal("2", posted.Text("#plan-revision"));
        Assert.Equal("0", (await buyer.GetPageAsync("/organisation/plans")).Text($"#plans tr[data-plan='{planId}'] .plan-quotes"));

        // A cooperative of 永顺县 that sells tea sees the plan and quotes, then revises its quote.
        var board = await coop.GetPageAsync("/supplier/demand");
        Assert.Equal($"{description} 250g/盒", board.Text($"#demand tr[data-plan='{planId}'] .demand-description"));
        Assert.Equal("未报价", board.Text($"#demand tr[data-plan='{planId}'] .demand-mine"));
        var plan = await coop.GetPageAsync($"/supplier/demand/{planId}");
        var sent = await plan.SubmitAsync(coop, "#quote-form", QuoteFields("65.00", 80, start, listingId));
        Assert.Equal("报价已提交（第 1 版）。", sent.Text("#status"));
        var revised = await sent.SubmitAsync(coop, "#quote-form", QuoteFields("63.50", 90, start.AddDays(3), listingId));
        Assert.Equal("报价已修改（第 2 版）。", revised.Text("#status"));
        Assert.Equal("63.50", revised.Get("#Input_UnitPrice").GetAttribute("value"));
        Assert.Equal(["2¥63.5090 盒", "1¥65.0080 盒"], revised.All("#quote-history tbody tr").Select(r => string.Concat(r.Children.Take(3).Select(c => c.TextContent.Trim()))).ToList());
        Assert.Equal("¥63.50", (await coop.GetPageAsync("/supplier/demand")).Text($"#demand tr[data-plan='{planId}'] .demand-mine"));

        // Above the ceiling, or more than the plan takes: the quote says why and stays as it was.
        var tooDear = await QuoteAsync(coop, planId, QuoteFields("70.01", 121, start, listingId));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooDear.Status);
        Assert.Equal("单价不能高于该需求的最高单价 ¥70.00。", tooDear.Text("[data-valmsg-for='Input.UnitPrice']"));
        Assert.Equal("每次可供数量应在 1 到 120 盒之间。", tooDear.Text("[data-valmsg-for='Input.QuantityPerDelivery']"));
        var tooEarly = await QuoteAsync(coop, planId, QuoteFields("60.00", 10, start.AddDays(-1), listingId));
        Assert.Equal($"最早供货日期应在 {Iso(start)} 到 {Iso(start.AddDays(13))} 之间。", tooEarly.Text("[data-valmsg-for='Input.FirstDeliveryOn']"));
        var quote = await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.SupplierId == coopId)
            .Select(q => new { q.UnitPriceFen, q.QuantityPerDelivery, q.Revision, Revisions = q.Revisions.Count }).SingleAsync());
        Assert.Equal(new { UnitPriceFen = 6350L, QuantityPerDelivery = 90, Revision = 2, Revisions = 2 }, quote);

        // A second cooperative covers part of each delivery.
        var (other, _, _, otherName) = await CooperativeAsync("433125");
        Assert.Equal("报价已提交（第 1 版）。", (await QuoteAsync(other, planId, QuoteFields("58.00", 30, start.AddDays(7)))).Text("#status"));

        // The school sees both side by side, cheapest first.
        var detail = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        var rows = detail.All("#quotes tr.quote").Select(r => string.Join("|", new[] { ".quote-supplier", ".quote-county", ".quote-price", ".quote-quantity", ".quote-share", ".quote-first", ".quote-revision" }
            .Select(s => r.QuerySelector(s)!.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            $"{otherName}|保靖县 · 脱贫县|¥58.00|30 盒|25.0%|{Iso(start.AddDays(7))}|1",
            $"{coopName}|永顺县 · 脱贫县|¥63.50|90 盒|75.0%|{Iso(start.AddDays(3))}|2",
        ], rows);
        Assert.Equal("2", (await buyer.GetPageAsync("/organisation/plans")).Text($"#plans tr[data-plan='{planId}'] .plan-quotes"));

        // Closed by the school: off the board, and a revision is refused.
        var closed = await detail.SubmitAsync(buyer, "#close-plan-form");
        Assert.Equal("已截止", closed.Text("#plan-state"));
        Assert.Equal("3", closed.Text("#plan-revision"));
        Assert.Null((await coop.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        var late = await QuoteAsync(coop, planId, QuoteFields("60.00", 90, start, listingId));
        Assert.Equal("该需求已截止报价。", late.Text("#quote-refused"));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.SupplierId == coopId).Select(q => q.Revision).SingleAsync()));
    }

    [SkippableFact]
    public async Task APlanChangedRaisesItsRevisionAndAFormFilledFromAnEarlierOneIsRefused()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var colleague = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.OrgAdmin));
        var start = NextMonday();
        var planId = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "要改的莓茶需求", start));
        var (coop, coopId, _, _) = await CooperativeAsync();
        await QuoteAsync(coop, planId, QuoteFields("66.00", 60, start));

        // A change that commits no more (a lower ceiling, words) needs no approval again.
        var lower = await (await buyer.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(buyer, "#plan-form", [new("Input.PriceCeiling", "69.00")]);
        Assert.Equal("需求已修改（第 3 版）。", lower.Text("#status"));
        Assert.Equal("报价中", lower.Text("#plan-state"));

        // Two people open the form at revision 3; the first to save wins, the second is told and changes nothing.
        var mine = await buyer.GetPageAsync($"/organisation/plans/{planId}/edit");
        var theirs = await colleague.GetPageAsync($"/organisation/plans/{planId}/edit");
        Assert.Equal("3", mine.Get("#Input_Revision").GetAttribute("value"));
        // More per delivery: the plan goes back to the approvers, out of the cooperatives' sight, its quotes kept.
        var changed = await mine.SubmitAsync(buyer, "#plan-form", [new("Input.QuantityPerDelivery", "150"), new("Input.PriceCeiling", "68.00")]);
        Assert.Equal("需求已修改（第 4 版）。此次修改可能增加采购（数量、送货次数、最高单价或品类），须重新审批，审批前供应商看不到该需求。", changed.Text("#status"));
        Assert.Equal("待审批", changed.Text("#plan-state"));
        Assert.Equal("150 盒", changed.Text("#plan-quantity"));
        Assert.Equal("每周：星期一、星期四", changed.Text("#plan-schedule"));
        Assert.Equal("4", changed.Text("#plan-revision"));
        Assert.Equal("2", changed.Text("#quotes tr.quote .quote-plan-revision"));
        var stale = await theirs.SubmitAsync(colleague, "#plan-form", [new("Input.Description", "别人改的说明")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.Status);
        Assert.Equal("该需求刚被他人修改，请查看后再操作。", stale.Text("#plan-errors li"));
        var saved = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId)
            .Select(p => new { p.Description, p.QuantityPerDelivery, p.PriceCeilingFen, p.Revision, p.Approval }).SingleAsync());
        Assert.Equal(new { Description = "要改的莓茶需求", QuantityPerDelivery = 150, PriceCeilingFen = (long?)6800, Revision = 4, Approval = PlanApproval.AwaitingApproval }, saved);
        Assert.Null((await coop.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        Assert.Equal("该需求正在等待采购单位内部审批，暂不能报价。", (await QuoteAsync(coop, planId, QuoteFields("67.00", 60, start))).Text("#quote-refused"));

        // Approved again: quotes now answer revision 5, under its new ceiling.
        await DecidePlanAsync(await ApproverAsync(), planId, "Approve");
        Assert.Equal("单价不能高于该需求的最高单价 ¥68.00。", (await QuoteAsync(coop, planId, QuoteFields("69.00", 60, start))).Text("[data-valmsg-for='Input.UnitPrice']"));
        await QuoteAsync(coop, planId, QuoteFields("67.00", 60, start));
        Assert.Equal(5, await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.SupplierId == coopId).Select(q => q.PlanRevision).SingleAsync()));

        // Closed: no more changes.
        await (await buyer.GetPageAsync($"/organisation/plans/{planId}")).SubmitAsync(buyer, "#close-plan-form");
        var late = await PostAsync(buyer, $"/organisation/plans/{planId}/edit", "#plan-form", $"/organisation/plans/{planId}/edit",
            [.. await PlanFieldsAsync(await TeaAsync(), "截止后再改", start), new("Input.Revision", "6")]);
        Assert.Equal("该需求已截止，不能再修改。", late.Text("#plan-errors li"));
        Assert.Equal("要改的莓茶需求", await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.Description).SingleAsync()));
    }

    [SkippableFact]
    public async Task ACooperativeOutsideThePlansCountiesOrTradeOrStandingDoesNotSeeItAndCannotQuote()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var tea = await TeaAsync();
        var everywhere = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(tea, "全县可报的莓茶", start));
        var guizhouId = await PostApprovedPlanAsync(buyer, With(await PlanFieldsAsync(tea, "仅贵州的莓茶", start), ("Input.ProvinceCode", "520000")));
        Assert.Equal("仅贵州省的脱贫县", (await buyer.GetPageAsync($"/organisation/plans/{guizhouId}")).Text("#plan-counties"));

        // Of 永顺县, Hunan: sees the plan open to all, not the one for Guizhou, and is told why when it posts anyway.
        var (hunan, hunanId, _, _) = await CooperativeAsync();
        var board = await hunan.GetPageAsync("/supplier/demand");
        Assert.NotNull(board.Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Null(board.Find($"#demand tr[data-plan='{guizhouId}']"));
        // Filtered by the buyer's province (the school is in Hunan) and by category.
        var rice = await Factory.WithDbAsync(db => db.Categories.Where(c => c.Slug == "rice").Select(c => c.Id).SingleAsync());
        Assert.NotNull((await hunan.GetPageAsync("/supplier/demand?province=430000")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Null((await hunan.GetPageAsync("/supplier/demand?province=520000")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.NotNull((await hunan.GetPageAsync($"/supplier/demand?category={tea}")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Null((await hunan.GetPageAsync($"/supplier/demand?category={rice}")).Find($"#demand tr[data-plan='{everywhere}']"));
        // And by size: 120 boxes a delivery is in 51–200, not in 1–50 nor 201–1000.
        Assert.NotNull((await hunan.GetPageAsync("/supplier/demand?size=m")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Null((await hunan.GetPageAsync("/supplier/demand?size=s")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Null((await hunan.GetPageAsync("/supplier/demand?size=l")).Find($"#demand tr[data-plan='{everywhere}']"));
        var outside = await QuoteAsync(hunan, guizhouId, QuoteFields("60.00", 50, start));
        Assert.Equal("该需求仅面向贵州省的脱贫县，永顺县不在其内，不能报价。", outside.Text("#quote-refused"));
        Assert.Null(outside.Find("#quote-form"));

        // Of 岳麓区, no designated county: sees nothing, may quote on nothing.
        var (city, cityId, _, _) = await CooperativeAsync("430104");
        Assert.Null((await city.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{everywhere}']"));
        Assert.Equal("岳麓区不在现行脱贫县名单内，不能报价。", (await QuoteAsync(city, everywhere, QuoteFields("60.00", 50, start))).Text("#quote-refused"));

        // Suspended: may not quote.
        var (suspended, suspendedId, _, _) = await CooperativeAsync(status: VerificationStatus.Suspended);
        Assert.Equal("贵单位已被暂停，暂不能报价。", (await QuoteAsync(suspended, everywhere, QuoteFields("60.00", 50, start))).Text("#quote-refused"));

        // No listing of the plan's category: the plan is not its to see (404, as for no plan at all).
        var (_, noTradeEmail) = await Factory.AddSupplierAsync();
        var noTrade = await SignedInClientAsync(noTradeEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await noTrade.GetAsync($"/supplier/demand/{everywhere}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await QuoteAsync(noTrade, everywhere, QuoteFields("60.00", 50, start))).Status);

        Assert.Equal(0, await Factory.WithDbAsync(db => db.PlanQuotes.CountAsync(q => q.SupplierId == hunanId && q.PlanId == guizhouId
            || q.SupplierId == cityId || q.SupplierId == suspendedId)));
    }

    [SkippableFact]
    public async Task AnotherOrganisationsPlanIsNotFound()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var planId = PlanIdOf(await PostPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "学校的莓茶", NextMonday())));
        var hospital = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/organisation/plans/{planId}")).StatusCode);
        var close = await PostAsync(hospital, "/organisation/plans/new", "#plan-form", $"/organisation/plans/{planId}?handler=Close", []);
        Assert.Equal(HttpStatusCode.NotFound, close.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/organisation/plans/{planId}/edit")).StatusCode);
        var edit = await PostAsync(hospital, "/organisation/plans/new", "#plan-form", $"/organisation/plans/{planId}/edit", await PlanFieldsAsync(await TeaAsync(), "医院改的", NextMonday()));
        Assert.Equal(HttpStatusCode.NotFound, edit.Status);
        Assert.Null((await hospital.GetPageAsync("/organisation/plans")).Find($"#plans tr[data-plan='{planId}']"));
        Assert.Null(await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.ClosedAtUtc).SingleAsync()));

        // An approver alone may read plans but not post one.
        var approver = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Approver));
        Assert.Equal(HttpStatusCode.OK, (await approver.GetAsync($"/organisation/plans/{planId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.GetAsync("/organisation/plans/new")).StatusCode);
    }

    [SkippableFact]
    public async Task ABadPlanGetsAClearMessageAndPostsNothing()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var fields = await PlanFieldsAsync(await TeaAsync(), "有问题的需求", start);
        var before = await Factory.WithDbAsync(db => db.ProcurementPlans.CountAsync());

        var endBeforeStart = await PostPlanAsync(buyer, With(fields, ("Input.EndDate", Iso(start.AddDays(-1))), ("Input.QuotesCloseOn", Iso(start.AddDays(-2)))));
        Assert.Equal("结束日期不能早于开始日期。", endBeforeStart.Text("[data-valmsg-for='Input.EndDate']"));
        var huge = await PostPlanAsync(buyer, With(fields, ("Input.QuantityPerDelivery", "1000000000000")));
        Assert.Equal("每次送货数量应在 1 到 1000000 之间。", huge.Text("[data-valmsg-for='Input.QuantityPerDelivery']"));
        var none = await PostPlanAsync(buyer, With(fields, ("Input.QuantityPerDelivery", "0")));
        Assert.Equal("每次送货数量应在 1 到 1000000 之间。", none.Text("[data-valmsg-for='Input.QuantityPerDelivery']"));
        // Sundays only, in a period of Monday to Saturday.
        var noDate = await PostPlanAsync(buyer, [.. With(fields, ("Input.EndDate", Iso(start.AddDays(5)))).Where(f => f.Key != "Input.Weekdays"), new("Input.Weekdays", "Sunday")]);
        Assert.Equal("按此频次，供货期内没有任何送货日期。", noDate.Text("[data-valmsg-for='Input.Frequency']"));
        var zeroCeiling = await PostPlanAsync(buyer, With(fields, ("Input.PriceCeiling", "0")));
        Assert.Equal("最高单价必须大于 0。", zeroCeiling.Text("[data-valmsg-for='Input.PriceCeiling']"));
        var noWeekday = await PostPlanAsync(buyer, [.. fields.Where(f => f.Key != "Input.Weekdays")]);
        Assert.Equal("请完整填写送货频次：每周至少选一天，间隔 1 到 365 天，或每月 1 到 31 日。", noWeekday.Text("[data-valmsg-for='Input.Frequency']"));
        Assert.Equal("有问题的需求", noWeekday.Get("#Input_Description").TextContent);
        // An address of another organisation's book is no address of the school's.
        var hospitalAddress = await Factory.WithDbAsync(db => db.DeliveryAddresses.Where(a => a.OrganisationId == db.Organisations.Where(o => o.Name == Hospital).Select(o => o.Id).Single()).Select(a => a.Id).FirstAsync());
        var foreignAddress = await PostPlanAsync(buyer, With(fields, ("Input.DeliveryAddressId", hospitalAddress.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal("请从本单位的收货地址中选择送货地址。", foreignAddress.Text("[data-valmsg-for='Input.DeliveryAddressId']"));

        Assert.Equal(before, await Factory.WithDbAsync(db => db.ProcurementPlans.CountAsync()));
    }

    private static int WaitingCount(HtmlPage page) =>
        page.Find("#approvals-count") is { } badge ? int.Parse(badge.TextContent.Trim().Split(' ')[0], CultureInfo.InvariantCulture) : 0;

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<int> NotificationsAsync(string userId, NotificationKind kind, long planId) =>
        Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == userId && n.Kind == kind
            && (n.Subject == planId.ToString(CultureInfo.InvariantCulture) || n.Subject.StartsWith("#" + planId.ToString(CultureInfo.InvariantCulture) + " "))));

    private Task<List<string>> AuditAsync(long planId) => Factory.WithDbAsync(db => db.AuditEntries
        .Where(a => a.SubjectType == "ProcurementPlan" && a.SubjectId == planId.ToString(CultureInfo.InvariantCulture))
        .OrderBy(a => a.Id).Select(a => a.Action + (a.Reason == null ? "" : ":" + a.Reason)).ToListAsync());

    [SkippableFact]
    public async Task APlanWaitsForAnotherApproverWhoApprovesOrRejectsItAndEveryoneConcernedIsToldOnce()
    {
        var posterEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer | OrganisationRoles.Approver);
        var poster = await SignedInClientAsync(posterEmail);
        var approverEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Approver);
        var approver = await SignedInClientAsync(approverEmail);
        var (coop, coopId, _, _) = await CooperativeAsync();
        var coopUser = await Factory.WithDbAsync(db => db.SupplierMembers.Where(m => m.SupplierId == coopId).Select(m => m.UserId).SingleAsync());
        var start = NextMonday();
        var before = WaitingCount(await approver.GetPageAsync("/approvals"));

        // Posted by someone who may approve: it waits all the same, for another approver, as a purchase would.
        var planId = PlanIdOf(await PostPlanAsync(poster, await PlanFieldsAsync(await TeaAsync(), "待审批的莓茶", start)));
        var queue = await approver.GetPageAsync("/approvals");
        Assert.Equal(before + 1, WaitingCount(queue));
        Assert.Equal("最高单价 ¥70.00，按此计算整个供货期最多 ¥33,600.00", queue.Text($"#plan-{planId} .plan-at-most"));
        Assert.Equal(1, await NotificationsAsync(await UserIdAsync(approverEmail), NotificationKind.PlanAwaitingApproval, planId));
        var own = await poster.GetPageAsync("/approvals");
        Assert.Equal("这是您自己提交的采购需求，须由本单位其他审批人审批。", own.Text($"#plan-{planId} .notice"));
        Assert.Null(own.Find($"#decide-plan-{planId}"));
        var ownDecision = await PostAsync(poster, "/approvals", "form", $"/approvals?handler=DecidePlan&id={planId}", [new("decision", "Approve")]);
        Assert.Equal($"需求 #{planId}: 这是您自己提交的采购需求，须由本单位其他审批人审批。", ownDecision.Text(".form-errors li"));
        Assert.Equal(0, await NotificationsAsync(coopUser, NotificationKind.NewPlanToQuote, planId));

        // A rejection needs its reason; without one nothing changes.
        var noReason = await DecidePlanAsync(approver, planId, "Reject");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.Status);
        Assert.Equal($"需求 #{planId}: 驳回采购需求须填写原因。", noReason.Text(".form-errors li"));
        Assert.Equal(PlanApproval.AwaitingApproval, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.Approval).SingleAsync()));

        // Another organisation's approver cannot decide on it.
        var hospitalApprover = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Approver));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(hospitalApprover, "/approvals", "form", $"/approvals?handler=DecidePlan&id={planId}", [new("decision", "Approve")])).Status);

        // Approved: the poster is told, the cooperative of its trade and county is told once, the count goes down.
        var approved = await DecidePlanAsync(approver, planId, "Approve");
        Assert.Equal(before, WaitingCount(approved));
        Assert.Null(approved.Find($"#plan-{planId}"));
        Assert.Equal(1, await NotificationsAsync(await UserIdAsync(posterEmail), NotificationKind.PlanApproved, planId));
        Assert.Equal(1, await NotificationsAsync(coopUser, NotificationKind.NewPlanToQuote, planId));
        Assert.Equal($"/supplier/demand/{planId}", await Factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == coopUser && n.Kind == NotificationKind.NewPlanToQuote).OrderBy(n => n.Id).Select(n => n.Link).LastAsync()));

        // A quote tells the poster; a change sent back to the approvers and approved again is not announced twice.
        await QuoteAsync(coop, planId, QuoteFields("66.00", 60, start));
        Assert.Equal(1, await NotificationsAsync(await UserIdAsync(posterEmail), NotificationKind.QuoteReceived, planId));
        await (await poster.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(poster, "#plan-form", [new("Input.QuantityPerDelivery", "200")]);
        await DecidePlanAsync(approver, planId, "Approve", "数量已核");
        Assert.Equal(1, await NotificationsAsync(coopUser, NotificationKind.NewPlanToQuote, planId));
        await (await poster.GetPageAsync($"/organisation/plans/{planId}")).SubmitAsync(poster, "#close-plan-form");
        Assert.Equal(["Plan.Post", "Plan.Approve", "Quote.Submit", "Plan.Change", "Plan.Approve:数量已核", "Plan.Close"], await AuditAsync(planId));

        // Rejected with a reason: the poster reads it, no cooperative sees the plan, and it can no longer change.
        var rejectedId = PlanIdOf(await PostPlanAsync(poster, await PlanFieldsAsync(await TeaAsync(), "要驳回的莓茶", start)));
        Assert.Equal($"采购需求 #{rejectedId} 已驳回。", (await DecidePlanAsync(approver, rejectedId, "Reject", "本学期已有供货协议")).Text(".flash"));
        var rejected = await poster.GetPageAsync($"/organisation/plans/{rejectedId}");
        Assert.Equal("已驳回", rejected.Text("#plan-state"));
        Assert.Equal("本学期已有供货协议", rejected.Text("#plan-rejection"));
        Assert.Null(rejected.Find("#edit-plan"));
        Assert.Equal(1, await NotificationsAsync(await UserIdAsync(posterEmail), NotificationKind.PlanRejected, rejectedId));
        Assert.Equal(HttpStatusCode.NotFound, (await coop.GetAsync($"/supplier/demand/{rejectedId}")).StatusCode);
        Assert.Equal(0, await NotificationsAsync(coopUser, NotificationKind.NewPlanToQuote, rejectedId));
        var change = await PostAsync(poster, $"/organisation/plans/{rejectedId}/edit", "#plan-form", $"/organisation/plans/{rejectedId}/edit",
            [.. await PlanFieldsAsync(await TeaAsync(), "驳回后再改", start), new("Input.Revision", "2")]);
        Assert.Equal("该需求已被驳回，不能再修改；如仍需采购，请重新发布。", change.Text("#plan-errors li"));
        Assert.Equal(["Plan.Post", "Plan.Reject:本学期已有供货协议"], await AuditAsync(rejectedId));
    }

    private static List<KeyValuePair<string, string>> Tiers(params (string Quantity, string Price)[] tiers) =>
        [.. tiers.SelectMany((t, i) => new KeyValuePair<string, string>[] { new($"Input.Tiers[{i}].Quantity", t.Quantity), new($"Input.Tiers[{i}].Price", t.Price) })];

    [SkippableFact]
    public async Task QuoteTiersAreCheckedShownSideBySideAndKeptWithEachRevision()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var planId = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "阶梯价莓茶", start));
        var (coop, coopId, _, _) = await CooperativeAsync();

        var sent = await QuoteAsync(coop, planId, [.. QuoteFields("63.50", 90, start), .. Tiers(("20", "66.00"), ("50", "64.00"))]);
        Assert.Equal("报价已提交（第 1 版）。", sent.Text("#status"));
        Assert.Equal("每次 20 盒 起 ¥66.00；每次 50 盒 起 ¥64.00", (await buyer.GetPageAsync($"/organisation/plans/{planId}")).Text("#quotes tr.quote .quote-tiers"));
        var prices = await Factory.WithDbAsync(async db =>
        {
            var quote = await db.PlanQuotes.SingleAsync(q => q.PlanId == planId && q.SupplierId == coopId);
            return new[] { 19, 20, 50, 89, 90 }.Select(quote.PriceFor).ToList();
        });
        Assert.Equal([null, 6600L, 6400L, 6400L, 6350L], prices);

        // Out of order, above the ceiling, half typed: each refused with its reason on its row, and nothing changes.
        var outOfOrder = await QuoteAsync(coop, planId, [.. QuoteFields("63.50", 90, start), .. Tiers(("50", "64.00"), ("20", "66.00"))]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfOrder.Status);
        Assert.Equal("第 2 档：数量应大于上一档。", outOfOrder.Text("[data-valmsg-for='Input.Tiers[1]']"));
        var aboveCeiling = await QuoteAsync(coop, planId, [.. QuoteFields("63.50", 90, start), .. Tiers(("20", "70.01"))]);
        Assert.Equal("第 1 档：单价不能高于该需求的最高单价 ¥70.00。", aboveCeiling.Text("[data-valmsg-for='Input.Tiers[0]']"));
        var cheaper = await QuoteAsync(coop, planId, [.. QuoteFields("63.50", 90, start), .. Tiers(("", ""), ("20", "60.00"))]);
        Assert.Equal("第 2 档：单价不能低于您为全部数量报的单价 ¥63.50。", cheaper.Text("[data-valmsg-for='Input.Tiers[1]']"));
        var halfTyped = await QuoteAsync(coop, planId, [.. QuoteFields("63.50", 90, start), .. Tiers(("20", ""))]);
        Assert.Equal("第 1 档：请同时填写数量和单价（如 20 和 66.00）。", halfTyped.Text("[data-valmsg-for='Input.Tiers[0]']"));
        Assert.Equal((1, 2), await Factory.WithDbAsync(async db =>
        {
            var quote = await db.PlanQuotes.SingleAsync(q => q.PlanId == planId && q.SupplierId == coopId);
            return (quote.Revision, quote.Tiers.Count);
        }));

        // Revised to one price: the history keeps the first revision's tiers.
        var revised = await QuoteAsync(coop, planId, QuoteFields("64.00", 60, start));
        Assert.Equal("报价已修改（第 2 版）。", revised.Text("#status"));
        Assert.Equal(["—", "每次 20 盒 起 ¥66.00；每次 50 盒 起 ¥64.00"], revised.All("#quote-history tbody tr .history-tiers").Select(c => c.TextContent.Trim()).ToList());
        Assert.Equal("—", (await buyer.GetPageAsync($"/organisation/plans/{planId}")).Text("#quotes tr.quote .quote-tiers"));
    }

    [SkippableFact]
    public async Task APlanForPairedCountiesAdmitsOnlyThoseAdminsRecordedForTheOrganisation()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var school = await Factory.OrganisationIdAsync(School);
        var page = $"/admin/organisations/{school}/paired-counties";
        var unknown = await (await admin.GetPageAsync(page)).SubmitAsync(admin, "#add-paired-form", [new("CountyCode", "999999")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.Status);
        Assert.Equal("“999999”不是县级行政区划代码（6 位，GB/T 2260）。", unknown.Text("[data-valmsg-for='CountyCode']"));
        var added = await (await admin.GetPageAsync(page)).SubmitAsync(admin, "#add-paired-form", [new("CountyCode", "433127")]);
        Assert.Equal("已添加结对县：永顺县。", added.Text(".flash"));
        Assert.Equal("湖南省 湘西土家族苗族自治州 永顺县", added.Text("#paired-counties tr[data-county='433127'] .paired-name"));
        Assert.Equal("脱贫县", added.Text("#paired-counties tr[data-county='433127'] .paired-designated"));
        var twice = await (await admin.GetPageAsync(page)).SubmitAsync(admin, "#add-paired-form", [new("CountyCode", "433127")]);
        Assert.Equal("永顺县已是该单位的结对县。", twice.Text("[data-valmsg-for='CountyCode']"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.PairedCounties.CountAsync(c => c.OrganisationId == school)));

        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var fields = With(await PlanFieldsAsync(await TeaAsync(), "结对县的莓茶", start), ("Input.PairedCountiesOnly", "true"));
        Assert.Equal("“仅结对帮扶县”与“仅某省脱贫县”只能选其一。",
            (await PostPlanAsync(buyer, With(fields, ("Input.ProvinceCode", "430000")))).Text("[data-valmsg-for='Input.ProvinceCode']"));
        var planId = await PostApprovedPlanAsync(buyer, fields);
        Assert.Equal("仅本单位结对帮扶县中的脱贫县", (await buyer.GetPageAsync($"/organisation/plans/{planId}")).Text("#plan-counties"));

        // 永顺县 is paired: its cooperative sees the plan and quotes. 保靖县 is not: it does not see it and is refused.
        var (yongshun, _, _, _) = await CooperativeAsync("433127");
        Assert.NotNull((await yongshun.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        Assert.Equal("报价已提交（第 1 版）。", (await QuoteAsync(yongshun, planId, QuoteFields("60.00", 50, start))).Text("#status"));
        var (baojing, baojingId, _, _) = await CooperativeAsync("433125");
        Assert.Null((await baojing.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        var refused = await QuoteAsync(baojing, planId, QuoteFields("60.00", 50, start));
        Assert.Equal("该需求仅面向长沙市岳麓区实验中学的结对帮扶县，保靖县不在其内，不能报价。", refused.Text("#quote-refused"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.PlanQuotes.CountAsync(q => q.SupplierId == baojingId)));

        // Unpaired by an admin (audited both ways): 永顺县 no longer sees the plan.
        var paired = await admin.GetPageAsync(page);
        var removed = await paired.SubmitAsync(admin, "#remove-paired-433127");
        Assert.Equal("已移除结对县：永顺县。", removed.Text(".flash"));
        Assert.Null((await yongshun.GetPageAsync("/supplier/demand")).Find($"#demand tr[data-plan='{planId}']"));
        Assert.Equal(["Organisation.PairCounty", "Organisation.UnpairCounty"], await Factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.SubjectType == "Organisation" && a.SubjectId == school.ToString(CultureInfo.InvariantCulture) && (a.Action == "Organisation.PairCounty" || a.Action == "Organisation.UnpairCounty"))
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    [SkippableFact]
    public async Task TheComparisonShowsEachSuppliersFulfilmentRecordFromItsOrdersReceived()
    {
        // Two orders of the school from 永顺县松柏莓茶专业合作社 (the demo's): one received in full and in time, one
        // received short and after the day asked for.
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var purchases = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 20");
            purchases.Add(PurchaseIdOf(await buyer.CheckOutAsync()));
        }
        using (var scope = Factory.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<Storefront.Core.Data.StorefrontDbContext>();
            var workflow = services.GetRequiredService<OrderWorkflow>();
            var approverId = await UserIdAsync(DemoData.MemberEmail("school", "approver"));
            var who = new OrderWorkflow.Actor(approverId, "approver");
            for (var i = 0; i < 2; i++)
            {
                var orderId = await db.Orders.Where(o => o.PurchaseId == purchases[i]).Select(o => o.Id).SingleAsync();
                Assert.True((await workflow.ApproveAsync((await workflow.FindAsync(orderId))!, who, null)).Succeeded);
                var paid = await services.GetRequiredService<PaymentConfirmation>()
                    .ConfirmAsync(new(purchases[i], PaymentMethod.BankTransfer, 136_000, DateTime.UtcNow, $"T-{Guid.NewGuid():N}", null, "admin"));
                Assert.Equal(PaymentConfirmation.Outcome.Confirmed, paid.Outcome);
                Assert.True((await workflow.AcceptAsync((await workflow.FindAsync(orderId))!, who)).Succeeded);
                var order = (await workflow.FindAsync(orderId))!;
                var line = order.Lines.Single().Id;
                Assert.True((await workflow.ShipAsync(order, who, new("顺丰", "SF1", new Dictionary<long, int> { [line] = 20 }))).Succeeded);
                order = (await workflow.FindAsync(orderId))!;
                var shipment = order.Shipments.Single();
                var shipmentLine = shipment.Lines.Single().Id;
                var draft = i == 0 ? new OrderWorkflow.ReceiptDraft(new Dictionary<long, int>(), null)
                    : new OrderWorkflow.ReceiptDraft(new Dictionary<long, int> { [shipmentLine] = 18 }, "少两盒", new Dictionary<long, ShortfallKind> { [shipmentLine] = ShortfallKind.Missing });
                Assert.True((await workflow.ReceiveAsync(order, shipment.Id, who, draft)).Succeeded);
            }
            var yesterday = ShanghaiTime.DateOf(DateTime.UtcNow).AddDays(-1);
            await db.Purchases.Where(p => p.Id == purchases[1]).ExecuteUpdateAsync(u => u.SetProperty(p => p.RequestedDeliveryDate, yesterday));
        }

        var start = NextMonday();
        var planId = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "看履约记录的莓茶", start));
        var yongshun = await SignedInClientAsync(DemoData.SupplierEmail("yongshun"));
        await QuoteAsync(yongshun, planId, QuoteFields("66.00", 100, start));
        var (fresh, _, _, freshName) = await CooperativeAsync("433125");
        await QuoteAsync(fresh, planId, QuoteFields("67.00", 20, start));

        var detail = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        var rows = detail.All("#quotes tr.quote").Select(r => string.Join("|", new[] { ".quote-supplier", ".quote-county", ".quote-province", ".quote-on-time", ".quote-accepted" }
            .Select(x => r.QuerySelector(x)!.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "永顺县松柏莓茶专业合作社|永顺县 · 脱贫县|湖南省|50.0%（2 单）|50.0%（2 单）",
            $"{freshName}|保靖县 · 脱贫县|湖南省|暂无记录|暂无记录",
        ], rows);
    }

    [SkippableFact]
    public async Task WithoutAThresholdAPlanGoesOutAtOnceAndTheCooperativesItAdmitsAreToldOfIt()
    {
        const string Agency = "长沙市芙蓉区机关事务服务中心";
        var agencyId = await Factory.OrganisationIdAsync(Agency);
        await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Id == agencyId).ExecuteUpdateAsync(u => u.SetProperty(o => o.ApprovalThresholdFen, (long?)null)));
        var approverEmail = await Factory.NewMemberAsync(Agency, OrganisationRoles.Approver);
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Agency, OrganisationRoles.Buyer));
        var (_, coopId, _, _) = await CooperativeAsync();
        var coopUser = await Factory.WithDbAsync(db => db.SupplierMembers.Where(m => m.SupplierId == coopId).Select(m => m.UserId).SingleAsync());
        var address = await Factory.WithDbAsync(db => db.DeliveryAddresses.Where(a => a.OrganisationId == agencyId).Select(a => a.Id).FirstAsync());

        var posted = await PostPlanAsync(buyer, PlanFields(await TeaAsync(), "机关食堂莓茶", NextMonday(), address));
        var planId = PlanIdOf(posted);
        Assert.Equal($"采购需求 #{planId} 已发布。", posted.Text("#status"));
        Assert.Equal("报价中", posted.Text("#plan-state"));
        Assert.Equal(1, await NotificationsAsync(coopUser, NotificationKind.NewPlanToQuote, planId));
        Assert.Equal(0, await NotificationsAsync(await UserIdAsync(approverEmail), NotificationKind.PlanAwaitingApproval, planId));
        Assert.Equal(["Plan.Post"], await AuditAsync(planId));
    }

    private sealed record KeptRevision(int Revision, string Description, int Quantity, int WeekdayMask, long? Ceiling, TimeOnly Latest,
        PlanApproval Approval, bool Closed, string By, string ByName);

    private Task<List<KeptRevision>> RevisionsAsync(long planId) => Factory.WithDbAsync(db => db.ProcurementPlanRevisions.Where(r => r.PlanId == planId)
        .OrderBy(r => r.Revision).Select(r => new KeptRevision(r.Revision, r.Description, r.QuantityPerDelivery, r.WeekdayMask, r.PriceCeilingFen,
            r.LatestDeliveryTime, r.Approval, r.Closed, r.ChangedByUserId, r.ChangedByName)).ToListAsync());

    private static List<string> HistoryOf(HtmlPage page) => page.All("#plan-history tr.plan-revision")
        .Select(r => $"{r.QuerySelector(".revision-number")!.TextContent.Trim()}|{r.QuerySelector(".revision-by")!.TextContent.Trim()}|"
            + (r.QuerySelectorAll("li.plan-change").Length > 0
                ? string.Join("；", r.QuerySelectorAll("li.plan-change").Select(li => li.TextContent.Trim()))
                : r.QuerySelector(".revision-changes")!.TextContent.Trim())).ToList();

    private const int MondayAndThursday = (1 << (int)DayOfWeek.Monday) | (1 << (int)DayOfWeek.Thursday);

    [SkippableFact]
    public async Task EveryRevisionOfAPlanIsKeptWithItsTermsAndThePlansPageShowsWhatEachChanged()
    {
        var buyerEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(buyerEmail);
        var buyerId = await UserIdAsync(buyerEmail);
        var approverEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Approver);
        var approverId = await UserIdAsync(approverEmail);
        var start = NextMonday();
        var tea = await TeaAsync();

        // Posted (waiting for approval), changed twice while it waits, then approved: four revisions, each kept.
        var planId = PlanIdOf(await PostPlanAsync(buyer, await PlanFieldsAsync(tea, "留痕的莓茶", start)));
        var second = await (await buyer.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(buyer, "#plan-form",
            [new("Input.PriceCeiling", "69.00"), new("Input.LatestDeliveryTime", "08:30")]);
        Assert.Equal("需求已修改（第 2 版）。", second.Text("#status"));
        var third = await (await buyer.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(buyer, "#plan-form",
            [new("Input.Description", "留痕的莓茶（改）"), new("Input.QuantityPerDelivery", "150"), new("Input.Weekdays", "Tuesday")]);
        Assert.Equal("需求已修改（第 3 版）。", third.Text("#status"));
        await DecidePlanAsync(await SignedInClientAsync(approverEmail), planId, "Approve");

        const int tuesday = 1 << (int)DayOfWeek.Tuesday;
        Assert.Equal(
        [
            new(1, "留痕的莓茶", 120, MondayAndThursday, 7000, new TimeOnly(9, 30), PlanApproval.AwaitingApproval, false, buyerId, buyerEmail),
            new(2, "留痕的莓茶", 120, MondayAndThursday, 6900, new TimeOnly(8, 30), PlanApproval.AwaitingApproval, false, buyerId, buyerEmail),
            new(3, "留痕的莓茶（改）", 150, tuesday, 6900, new TimeOnly(8, 30), PlanApproval.AwaitingApproval, false, buyerId, buyerEmail),
            new KeptRevision(4, "留痕的莓茶（改）", 150, tuesday, 6900, new TimeOnly(8, 30), PlanApproval.Approved, false, approverId, approverEmail),
        ], await RevisionsAsync(planId));
        // The first revision holds every term as posted, at the moment it was posted; the last, the plan as it stands.
        var address = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.DeliveryAddress).SingleAsync());
        var first = await Factory.WithDbAsync(db => db.ProcurementPlanRevisions.Where(r => r.PlanId == planId && r.Revision == 1)
            .Select(r => new { r.CategoryId, r.Spec, r.Unit, r.Frequency, r.IntervalDays, r.DayOfMonth, r.StartDate, r.EndDate, r.QuotesCloseOn,
                r.DeliveryAddress, r.ProvinceCode, r.PairedCountiesOnly, r.RejectionReason, r.ChangedAtUtc }).SingleAsync());
        var posted = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => new { p.PostedAtUtc, p.UpdatedAtUtc, p.DecidedAtUtc }).SingleAsync());
        Assert.Equal(new
        {
            CategoryId = tea, Spec = "250g/盒", Unit = "盒", Frequency = DeliveryFrequency.Weekly, IntervalDays = 0, DayOfMonth = 0, StartDate = start,
            EndDate = start.AddDays(13), QuotesCloseOn = start.AddDays(-1), DeliveryAddress = address, ProvinceCode = (string?)null, PairedCountiesOnly = false,
            RejectionReason = (string?)null, ChangedAtUtc = posted.PostedAtUtc,
        }, first);
        Assert.Equal(posted.UpdatedAtUtc, posted.DecidedAtUtc);
        Assert.Equal(posted.UpdatedAtUtc, await Factory.WithDbAsync(db => db.ProcurementPlanRevisions.Where(r => r.PlanId == planId && r.Revision == 4).Select(r => r.ChangedAtUtc).SingleAsync()));

        // The plan's page lists them newest first: when (Shanghai), who, and what changed in words.
        var detail = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        Assert.Equal(
        [
            $"4|{approverEmail}|审批：待审批 → 已批准",
            $"3|{buyerEmail}|需求说明：留痕的莓茶 → 留痕的莓茶（改）；每次数量：120 盒 → 150 盒；送货频次：每周：星期一、星期四 → 每周：星期二",
            $"2|{buyerEmail}|最晚送达时间：09:30 → 08:30；最高单价：¥70.00 / 盒 → ¥69.00 / 盒",
            $"1|{buyerEmail}|发布需求",
        ], HistoryOf(detail));
        Assert.Equal(ShanghaiTime.Format(posted.PostedAtUtc), detail.Text("#plan-history tr[data-revision='1'] .revision-at"));
        Assert.Equal(ShanghaiTime.Format(posted.UpdatedAtUtc), detail.Text("#plan-history tr[data-revision='4'] .revision-at"));

        // A cooperative quotes on revision 4; the ceiling is lowered (revision 5, no approval needed): its page says what changed.
        var (coop, _, _, _) = await CooperativeAsync();
        Assert.Null((await coop.GetPageAsync($"/supplier/demand/{planId}")).Find("#plan-changed-since-quote"));
        await QuoteAsync(coop, planId, QuoteFields("66.00", 60, start.AddDays(1)));
        Assert.Null((await coop.GetPageAsync($"/supplier/demand/{planId}")).Find("#plan-changed-since-quote"));
        var lowered = await (await buyer.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(buyer, "#plan-form", [new("Input.PriceCeiling", "68.00")]);
        Assert.Equal("需求已修改（第 5 版）。", lowered.Text("#status"));
        var coopPage = await coop.GetPageAsync($"/supplier/demand/{planId}");
        Assert.Equal("您报价后该需求已修改（报价时为第 4 版，现为第 5 版），请核对后视需要修改报价。", coopPage.Text("#plan-changed-since-quote p"));
        Assert.Equal(["最高单价：¥69.00 / 盒 → ¥68.00 / 盒"], coopPage.All("#plan-changed-since-quote li").Select(li => li.TextContent.Trim()).ToList());

        // Closed: revision 6, the state only. A form still at revision 5 is refused and writes nothing.
        var closed = await (await buyer.GetPageAsync($"/organisation/plans/{planId}")).SubmitAsync(buyer, "#close-plan-form");
        Assert.Equal([$"6|{buyerEmail}|报价：报价中 → 已截止", $"5|{buyerEmail}|最高单价：¥69.00 / 盒 → ¥68.00 / 盒"], HistoryOf(closed).Take(2));
        var stale = await PostAsync(buyer, $"/organisation/plans/{planId}/edit", "#plan-form", $"/organisation/plans/{planId}/edit",
            [.. await PlanFieldsAsync(tea, "过时的表单", start), new("Input.Revision", "5")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.Status);
        Assert.Equal([1, 2, 3, 4, 5, 6], (await RevisionsAsync(planId)).Select(r => r.Revision));
        Assert.True((await RevisionsAsync(planId))[^1].Closed);

        // In English too.
        await closed.SubmitAsync(buyer, "form.culture-switch", submitName: "culture", submitValue: "en");
        var english = await buyer.GetPageAsync($"/organisation/plans/{planId}");
        Assert.Equal("Quotes: Open for quotes → Closed", english.Text("#plan-history tr[data-revision='6'] li.plan-change"));
    }

    /// <summary>Loads the plan in a scope of its own, as a request would, and builds the input that keeps its terms but the description.</summary>
    private static async Task<(ProcurementPlan Plan, PlanInput Input)> LoadForChangeAsync(IServiceScope scope, long planId, string description)
    {
        var plan = await scope.ServiceProvider.GetRequiredService<Core.Data.StorefrontDbContext>().ProcurementPlans.SingleAsync(p => p.Id == planId);
        return (plan, new PlanInput(plan.CategoryId, description, plan.Spec, plan.QuantityPerDelivery, plan.Unit, plan.Schedule, plan.StartDate, plan.EndDate,
            plan.QuotesCloseOn, plan.DeliveryAddressId!.Value, plan.LatestDeliveryTime, plan.PriceCeilingFen, plan.ProvinceCode, plan.PairedCountiesOnly));
    }

    [SkippableFact]
    public async Task OfTwoChangesMadeAtOnceFromTheSameRevisionTheSecondIsRefusedAndWritesNothing()
    {
        var buyerEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(buyerEmail);
        var planId = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "同时修改的莓茶", NextMonday()));
        var actor = new OrderWorkflow.Actor(await UserIdAsync(buyerEmail), buyerEmail);

        // Both have read revision 2 and pass its check; only the database can tell the second that the first came first.
        using var first = Factory.Services.CreateScope();
        using var second = Factory.Services.CreateScope();
        using var third = Factory.Services.CreateScope();
        var (mine, mineInput) = await LoadForChangeAsync(first, planId, "先保存的说明");
        var (theirs, theirInput) = await LoadForChangeAsync(second, planId, "后保存的说明");
        var (closing, _) = await LoadForChangeAsync(third, planId, "");
        Assert.Empty(await first.ServiceProvider.GetRequiredService<ProcurementPlans>().ReviseAsync(mine, 2, mineInput, actor));
        Assert.Equal(["Plans.ChangedMeanwhile"], (await second.ServiceProvider.GetRequiredService<ProcurementPlans>().ReviseAsync(theirs, 2, theirInput, actor)).Select(p => p.Key));
        Assert.Equal("Plans.ChangedMeanwhile", (await third.ServiceProvider.GetRequiredService<ProcurementPlans>().CloseAsync(closing, actor))?.Key);

        Assert.Equal(new { Description = "先保存的说明", Revision = 3, Closed = false }, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId)
            .Select(p => new { p.Description, p.Revision, Closed = p.ClosedAtUtc != null }).SingleAsync()));
        Assert.Equal([(1, "同时修改的莓茶"), (2, "同时修改的莓茶"), (3, "先保存的说明")], (await RevisionsAsync(planId)).Select(r => (r.Revision, r.Description)));
        Assert.Equal(["Plan.Post", "Plan.Approve", "Plan.Change"], await AuditAsync(planId));
    }

    [SkippableFact]
    public async Task APlanPostedBeforeRevisionsWereKeptGetsOneRowOfItsCurrentTermsFromTheMigration()
    {
        var buyerEmail = await Factory.NewMemberAsync(School, OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(buyerEmail);
        var start = NextMonday();
        var planId = await PostApprovedPlanAsync(buyer, await PlanFieldsAsync(await TeaAsync(), "迁移前的莓茶", start));
        await (await buyer.GetPageAsync($"/organisation/plans/{planId}/edit")).SubmitAsync(buyer, "#plan-form", [new("Input.PriceCeiling", "66.00")]);
        var kept = await RevisionsAsync(planId);
        // As it was before the migration: the plan at revision 3 and no rows.
        await Factory.WithDbAsync(db => db.ProcurementPlanRevisions.Where(r => r.PlanId == planId).ExecuteDeleteAsync());

        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(PlanRevisionBackfill.Sql));
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(PlanRevisionBackfill.Sql));

        // One row: the current terms, by the last to change it (the audit log says who), at its last change.
        Assert.Equal([kept[^1]], await RevisionsAsync(planId));
        Assert.Equal(3, kept[^1].Revision);
        Assert.Equal(await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.UpdatedAtUtc).SingleAsync()),
            await Factory.WithDbAsync(db => db.ProcurementPlanRevisions.Where(r => r.PlanId == planId).Select(r => r.ChangedAtUtc).SingleAsync()));
        Assert.Equal([$"3|{buyerEmail}|更早的版本未保留，此为开始记录时的条款。"], HistoryOf(await buyer.GetPageAsync($"/organisation/plans/{planId}")));
    }
}
