using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
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

    /// <summary>The plan form's fields: 120 boxes of tea every Monday and Thursday for two weeks, at most ¥70.00 a box.</summary>
    private static List<KeyValuePair<string, string>> PlanFields(int category, string description, DateOnly start) =>
    [
        new("Input.CategoryId", category.ToString(CultureInfo.InvariantCulture)), new("Input.Description", description), new("Input.Spec", "250g/盒"),
        new("Input.QuantityPerDelivery", "120"), new("Input.Unit", "盒"), new("Input.Frequency", "Weekly"),
        new("Input.Weekdays", "Monday"), new("Input.Weekdays", "Thursday"),
        new("Input.StartDate", Iso(start)), new("Input.EndDate", Iso(start.AddDays(13))), new("Input.QuotesCloseOn", Iso(start.AddDays(-1))),
        new("Input.DeliveryAddress", "岳麓区实验中学学生食堂"), new("Input.LatestDeliveryTime", "09:30"), new("Input.PriceCeiling", "70.00"),
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
        var posted = await PostPlanAsync(buyer, PlanFields(await TeaAsync(), description, start));
        var planId = PlanIdOf(posted);
        Assert.Equal($"采购需求 #{planId} 已发布。", posted.Text("#status"));
        Assert.Equal("报价中", posted.Text("#plan-state"));
        Assert.Equal("120 盒", posted.Text("#plan-quantity"));
        Assert.Equal("每周：星期一、星期四", posted.Text("#plan-schedule"));
        Assert.Equal($"{Iso(start)} – {Iso(start.AddDays(13))} · 共 4 次送货", posted.Text("#plan-period"));
        Assert.Equal("¥70.00 / 盒", posted.Text("#plan-ceiling"));
        Assert.Equal("全部脱贫县", posted.Text("#plan-counties"));
        Assert.Equal("1", posted.Text("#plan-revision"));
        Assert.Equal("0", (await buyer.GetPageAsync("/organisation/plans")).Text($"#plans tr[data-plan='{planId}'] .plan-quotes"));

        // A cooperative of 永顺县 that sells tea sees the plan and quotes, then revises its quote.
        var (coop, coopId, listingId, coopName) = await CooperativeAsync();
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
        Assert.Equal("2", closed.Text("#plan-revision"));
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
        var planId = PlanIdOf(await PostPlanAsync(buyer, PlanFields(await TeaAsync(), "要改的莓茶需求", start)));
        var (coop, coopId, _, _) = await CooperativeAsync();
        await QuoteAsync(coop, planId, QuoteFields("66.00", 60, start));

        // Two people open the form at revision 1; the first to save wins, the second is told and changes nothing.
        var mine = await buyer.GetPageAsync($"/organisation/plans/{planId}/edit");
        var theirs = await colleague.GetPageAsync($"/organisation/plans/{planId}/edit");
        Assert.Equal("1", mine.Get("#Input_Revision").GetAttribute("value"));
        var changed = await mine.SubmitAsync(buyer, "#plan-form", [new("Input.QuantityPerDelivery", "150"), new("Input.PriceCeiling", "68.00")]);
        Assert.Equal("需求已修改（第 2 版）。", changed.Text("#status"));
        Assert.Equal("150 盒", changed.Text("#plan-quantity"));
        Assert.Equal("每周：星期一、星期四", changed.Text("#plan-schedule"));
        Assert.Equal("2", changed.Text("#plan-revision"));
        Assert.Equal("1", changed.Text("#quotes tr.quote .quote-plan-revision"));
        var stale = await theirs.SubmitAsync(colleague, "#plan-form", [new("Input.Description", "别人改的说明")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.Status);
        Assert.Equal("该需求刚被他人修改，请查看后再操作。", stale.Text("#plan-errors li"));
        var saved = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId)
            .Select(p => new { p.Description, p.QuantityPerDelivery, p.PriceCeilingFen, p.Revision }).SingleAsync());
        Assert.Equal(new { Description = "要改的莓茶需求", QuantityPerDelivery = 150, PriceCeilingFen = (long?)6800, Revision = 2 }, saved);

        // Quotes now answer revision 2, under its new ceiling.
        Assert.Equal("单价不能高于该需求的最高单价 ¥68.00。", (await QuoteAsync(coop, planId, QuoteFields("69.00", 60, start))).Text("[data-valmsg-for='Input.UnitPrice']"));
        await QuoteAsync(coop, planId, QuoteFields("67.00", 60, start));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.SupplierId == coopId).Select(q => q.PlanRevision).SingleAsync()));

        // Closed: no more changes.
        await (await buyer.GetPageAsync($"/organisation/plans/{planId}")).SubmitAsync(buyer, "#close-plan-form");
        var late = await PostAsync(buyer, $"/organisation/plans/{planId}/edit", "#plan-form", $"/organisation/plans/{planId}/edit",
            [.. PlanFields(await TeaAsync(), "截止后再改", start), new("Input.Revision", "3")]);
        Assert.Equal("该需求已截止，不能再修改。", late.Text("#plan-errors li"));
        Assert.Equal("要改的莓茶需求", await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.Description).SingleAsync()));
    }

    [SkippableFact]
    public async Task ACooperativeOutsideThePlansCountiesOrTradeOrStandingDoesNotSeeItAndCannotQuote()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        var start = NextMonday();
        var tea = await TeaAsync();
        var everywhere = PlanIdOf(await PostPlanAsync(buyer, PlanFields(tea, "全县可报的莓茶", start)));
        var guizhou = await PostPlanAsync(buyer, With(PlanFields(tea, "仅贵州的莓茶", start), ("Input.ProvinceCode", "520000")));
        Assert.Equal("仅贵州省的脱贫县", guizhou.Text("#plan-counties"));
        var guizhouId = PlanIdOf(guizhou);

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
        var planId = PlanIdOf(await PostPlanAsync(buyer, PlanFields(await TeaAsync(), "学校的莓茶", NextMonday())));
        var hospital = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin));
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/organisation/plans/{planId}")).StatusCode);
        var close = await PostAsync(hospital, "/organisation/plans/new", "#plan-form", $"/organisation/plans/{planId}?handler=Close", []);
        Assert.Equal(HttpStatusCode.NotFound, close.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/organisation/plans/{planId}/edit")).StatusCode);
        var edit = await PostAsync(hospital, "/organisation/plans/new", "#plan-form", $"/organisation/plans/{planId}/edit", PlanFields(await TeaAsync(), "医院改的", NextMonday()));
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
        var fields = PlanFields(await TeaAsync(), "有问题的需求", start);
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

        Assert.Equal(before, await Factory.WithDbAsync(db => db.ProcurementPlans.CountAsync()));
    }
}
