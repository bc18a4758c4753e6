using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Demand;
using Storefront.Core.Notifications;
using Storefront.Core.Organisations;
using Storefront.Web.Tables;
using static Storefront.Web.Tests.Demand.AgreementSteps;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Demand;

public class SupplyAgreementsOnSqlite(StorefrontFactory factory) : SupplyAgreementTests<StorefrontFactory>(factory);
public class SupplyAgreementsOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplyAgreementTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// A school awards its plan's quantity to the cooperatives that quoted, each award an agreement both sides read; the
/// agreements change only by a request of one side that the other accepts, and end early with a reason; bad awards
/// and requests change nothing, and another organisation's or supplier's agreement is never shown or changed.
/// </summary>
public abstract class SupplyAgreementTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private sealed record Setup(HttpClient Buyer, long PlanId, DateOnly Start, Cooperative A, long QuoteA, Cooperative B, long QuoteB);

    /// <summary>A plan of 120 boxes; cooperative A quotes ¥65.00 for 80 from the start, B ¥58.00 for 60 from the first Thursday.</summary>
    private async Task<Setup> PlanWithTwoQuotesAsync(string what)
    {
        var buyer = await SignedInClientAsync(await Factory.NewBuyerAsync(School));
        var start = NextMonday();
        var planId = await Factory.PostPlanAsync(buyer, $"{what}{Guid.NewGuid():N}"[..14], start);
        var a = await Factory.CooperativeAsync(SignedInClientAsync);
        var b = await Factory.CooperativeAsync(SignedInClientAsync, "433125");
        var quoteA = await Factory.QuoteAsync(a, planId, "65.00", 80, start);
        var quoteB = await Factory.QuoteAsync(b, planId, "58.00", 60, start.AddDays(3));
        return new Setup(buyer, planId, start, a, quoteA, b, quoteB);
    }

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [SkippableFact]
    public async Task AnAwardSplitBetweenTwoCooperativesMakesAnAgreementForEachThatBothSidesRead()
    {
        var s = await PlanWithTwoQuotesAsync("拆分授标莓茶");
        var awarded = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 70), (s.QuoteB, 50)], noticeDays: 3, priceReview: "每季度按市场价复核");
        var ids = await Factory.AgreementIdsAsync(s.PlanId);
        Assert.Equal(2, ids.Length);
        Assert.Equal($"已授标，生成 2 份供货协议：#{ids[0]}、#{ids[1]}。", awarded.Text("#status"));
        Assert.Equal("已授标 120 / 120 盒（每次送货）", awarded.Text("#plan-awarded"));
        Assert.Equal(["已中标", "已中标"], awarded.All("#quotes tr.quote .quote-status").Select(c => c.TextContent.Trim()).ToList());
        Assert.Equal([$"{s.A.Name}|70 盒|¥65.00|履行中", $"{s.B.Name}|50 盒|¥58.00|履行中"],
            awarded.All("#plan-agreements tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Skip(1).Select(c => c.TextContent.Trim()))).ToList());
        // Nothing is left to award: no award form, and the plan may still be finished.
        Assert.Null(awarded.Find("#award-form"));

        var saved = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.PlanId == s.PlanId).OrderBy(a => a.Id)
            .Select(a => new { a.SupplierId, a.UnitPriceFen, a.QuantityPerDelivery, a.StartDate, a.EndDate, a.ChangeNoticeDays, a.PriceReview, a.Version, a.Status, Versions = a.Versions.Count })
            .ToListAsync());
        Assert.Equal(new { SupplierId = s.A.SupplierId, UnitPriceFen = 6500L, QuantityPerDelivery = 70, StartDate = s.Start, EndDate = s.Start.AddDays(13),
            ChangeNoticeDays = 3, PriceReview = "每季度按市场价复核", Version = 1, Status = AgreementStatus.Active, Versions = 1 }, saved[0]);
        Assert.Equal(new { SupplierId = s.B.SupplierId, UnitPriceFen = 5800L, QuantityPerDelivery = 50, StartDate = s.Start.AddDays(3), EndDate = s.Start.AddDays(13),
            ChangeNoticeDays = 3, PriceReview = "每季度按市场价复核", Version = 1, Status = AgreementStatus.Active, Versions = 1 }, saved[1]);
        Assert.Equal(120, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == s.PlanId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync()));

        // The school's list and page.
        var list = await s.Buyer.GetPageAsync("/organisation/agreements");
        Assert.Equal(s.A.Name, list.Text($"#agreements tr[data-agreement='{ids[0]}'] .agreement-party"));
        Assert.Equal("¥58.00", list.Text($"#agreements tr[data-agreement='{ids[1]}'] .agreement-price"));
        var mine = await s.Buyer.GetPageAsync($"/organisation/agreements/{ids[1]}");
        Assert.Equal(School, mine.Text("#agreement-organisation"));
        Assert.Equal(s.B.Name, mine.Text("#agreement-supplier"));
        Assert.Equal("¥58.00 / 盒", mine.Text("#agreement-price"));
        Assert.Equal("50 盒", mine.Text("#agreement-quantity"));
        Assert.Equal("每周：星期一、星期四", mine.Text("#agreement-schedule"));
        Assert.Equal($"{Iso(s.Start.AddDays(3))} – {Iso(s.Start.AddDays(13))}", mine.Text("#agreement-period"));
        Assert.Equal("提前 3 天", mine.Text("#agreement-notice"));
        Assert.Equal("履行中", mine.Text("#agreement-status"));
        Assert.Equal([Iso(s.Start.AddDays(3)), Iso(s.Start.AddDays(7)), Iso(s.Start.AddDays(10))],
            mine.All("#deliveries tr.delivery").Select(r => r.GetAttribute("data-date")!).ToList());
        Assert.Equal(["50 盒|待下单", "50 盒|待下单", "50 盒|待下单"],
            mine.All("#deliveries tr.delivery").Select(r => r.QuerySelector(".delivery-quantity")!.TextContent.Trim() + "|" + r.QuerySelector(".delivery-state")!.TextContent.Trim()).ToList());
        Assert.Equal("授标签订", mine.Text("#versions tr.version .version-reason"));

        // Each cooperative sees its own, and only its own.
        var theirs = await s.A.Client.GetPageAsync("/supplier/agreements");
        Assert.Equal(School, theirs.Text($"#agreements tr[data-agreement='{ids[0]}'] .agreement-party"));
        Assert.Null(theirs.Find($"#agreements tr[data-agreement='{ids[1]}']"));
        var page = await s.A.Client.GetPageAsync($"/supplier/agreements/{ids[0]}");
        Assert.Equal("¥65.00 / 盒", page.Text("#agreement-price"));
        Assert.Equal("70 盒", page.Text("#agreement-quantity"));
        Assert.Equal(4, page.All("#deliveries tr.delivery").Count);
        Assert.Equal(HttpStatusCode.NotFound, (await s.A.Client.GetAsync($"/supplier/agreements/{ids[1]}")).StatusCode);

        // Both were told, and both awards are audited.
        var told = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.QuoteAwarded
                && db.SupplierMembers.Any(m => m.UserId == n.UserId && (m.SupplierId == s.A.SupplierId || m.SupplierId == s.B.SupplierId)))
            .OrderBy(n => n.Link).Select(n => n.Link).ToListAsync());
        Assert.Equal(ids.Select(id => $"/supplier/agreements/{id}").Order(StringComparer.Ordinal).ToList(), told.Order(StringComparer.Ordinal).ToList());
        var audited = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "Agreement.Award" && e.SubjectType == "SupplyAgreement"
            && (e.SubjectId == ids[0].ToString() || e.SubjectId == ids[1].ToString())).CountAsync());
        Assert.Equal(2, audited);
    }

    [SkippableFact]
    public async Task AnAwardBeyondThePlanOrToASupplierThatDidNotQuoteOrCannotSellGetsItsMessageAndChangesNothing()
    {
        var s = await PlanWithTwoQuotesAsync("授标出错莓茶");
        // B revises its quote while the school reads the page: the award of what the school read is refused.
        var read = await s.Buyer.GetPageAsync($"/organisation/plans/{s.PlanId}");
        await Factory.QuoteAsync(s.B, s.PlanId, "69.00", 60, s.Start.AddDays(3));
        var revised = await read.SubmitAsync(s.Buyer, "#award-form", [new($"Award.Quantities[{s.QuoteB}]", "40")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, revised.Status);
        Assert.Equal($"{s.B.Name} 刚修改了报价，请查看新报价后再授标。", revised.Text("#award-errors li"));
        var beyond = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80), (s.QuoteB, 60)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, beyond.Status);
        Assert.Equal("授标数量超出需求：每次送货还可授标 120 盒。", beyond.Text("#award-errors li"));
        var aboveQuote = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 81)]);
        Assert.Equal($"授予 {s.A.Name} 的数量应在 1 到 80 盒 之间（不超过其报价数量）。", aboveQuote.Text("#award-errors li"));
        var noQuantity = await AwardAsync(s.Buyer, s.PlanId, []);
        Assert.Equal("请至少为一个报价填写授标数量。", noQuantity.Text("#award-errors li"));
        var longNotice = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 10)], noticeDays: 61);
        Assert.Equal("变更提前天数应在 0 到 60 之间。", longNotice.Text("[data-valmsg-for='Award.ChangeNoticeDays']"));

        // A cooperative that quoted on another plan only: its quote is no quote of this one.
        var otherPlan = await Factory.PostPlanAsync(s.Buyer, "另一个莓茶需求", s.Start);
        var c = await Factory.CooperativeAsync(SignedInClientAsync);
        var quoteElsewhere = await Factory.QuoteAsync(c, otherPlan, "60.00", 20, s.Start);
        var notQuoted = await AwardAsync(s.Buyer, s.PlanId, [(quoteElsewhere, 20)]);
        Assert.Equal("该供应主体未对本需求报价，不能授标。", notQuoted.Text("#award-errors li"));

        // Suspended after quoting: no award.
        await Factory.WithDbAsync(async db =>
        {
            var supplier = await db.Suppliers.SingleAsync(x => x.Id == s.B.SupplierId);
            Assert.True(supplier.Suspend("抽检不合格", DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        var suspended = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteB, 10)]);
        Assert.Equal($"{s.B.Name} 已被暂停，不能授标。", suspended.Text("#award-errors li"));
        Assert.Empty(await Factory.AgreementIdsAsync(s.PlanId));

        // Awarded once, the quote is not awarded twice; the plan's quote no longer changes.
        Assert.Equal(HttpStatusCode.OK, (await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)])).Status);
        var twice = await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 10)]);
        Assert.Equal($"{s.A.Name} 的报价已授标，不能重复授标。", twice.Text("#award-errors li"));
        var revise = await s.A.Client.GetPageAsync($"/supplier/demand/{s.PlanId}");
        Assert.Equal("该报价已中标或未中标，不能再修改。", revise.Text("#quote-refused"));
        var awardedId = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        Assert.Equal($"您的报价已中标：查看供货协议 #{awardedId}", revise.Text("#quote-agreement"));
        Assert.Equal($"/supplier/agreements/{awardedId}", revise.Get("#quote-agreement a").GetAttribute("href"));

        // Finishing: the plan closes, B's quote is rejected and B told; a rejected quote is not awarded afterwards.
        var finished = await (await s.Buyer.GetPageAsync($"/organisation/plans/{s.PlanId}")).SubmitAsync(s.Buyer, "#finish-award-form");
        Assert.Equal("授标已结束，1 份报价未中标。", finished.Text("#status"));
        Assert.Equal("已截止", finished.Text("#plan-state"));
        Assert.Equal(["已中标", "未中标"], finished.All("#quotes tr.quote .quote-status").Select(x => x.TextContent.Trim()).Order().ToList().OrderByDescending(x => x == "已中标").ToList());
        var rejectedLink = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.QuoteRejected
            && db.SupplierMembers.Any(m => m.UserId == n.UserId && m.SupplierId == s.B.SupplierId)).Select(n => n.Link).SingleAsync());
        Assert.Equal($"/supplier/demand/{s.PlanId}", rejectedLink);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "Plan.FinishAward" && e.SubjectId == s.PlanId.ToString())));

        var agreements = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.PlanId == s.PlanId).Select(a => new { a.SupplierId, a.QuantityPerDelivery }).ToListAsync());
        Assert.Equal([new { SupplierId = s.A.SupplierId, QuantityPerDelivery = 80 }], agreements);
        Assert.Equal(80, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == s.PlanId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync()));
    }

    [SkippableFact]
    public async Task TwoAwardsAtOnceNeverPassThePlansQuantityNorAwardAQuoteTwice()
    {
        var buyer = await SignedInClientAsync(await Factory.NewBuyerAsync(School));
        var colleague = await SignedInClientAsync(await Factory.NewBuyerAsync(School));
        var start = NextMonday();
        var a = await Factory.CooperativeAsync(SignedInClientAsync);
        var b = await Factory.CooperativeAsync(SignedInClientAsync, "433125");
        for (var round = 0; round < 3; round++)
        {
            var planId = await Factory.PostPlanAsync(buyer, $"同时授标莓茶{round}", start);
            var quoteA = await Factory.QuoteAsync(a, planId, "65.00", 80, start);
            var quoteB = await Factory.QuoteAsync(b, planId, "64.00", 80, start);
            // 80 + 80 > 120: two people award at the same moment, one to each; only one may win.
            var pages = await Task.WhenAll(AwardAsync(buyer, planId, [(quoteA, 80)]), AwardAsync(colleague, planId, [(quoteB, 80)]));
            Assert.True(1 == pages.Count(p => p.Status == HttpStatusCode.OK), string.Join(" / ", pages.Select(p => $"{(int)p.Status} {p.Url} {string.Join("; ", p.Errors)} {(p.Find("#status")?.TextContent)}")));
            var loser = pages.Single(p => p.Status != HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, loser.Status);
            Assert.Equal("授标数量超出需求：每次送货还可授标 40 盒。", loser.Text("#award-errors li"));
            var saved = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(x => x.PlanId == planId).Select(x => x.QuantityPerDelivery).ToListAsync());
            Assert.Equal([80], saved);
            Assert.Equal(80, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync()));

            // The quote left awarded by both at once (within the plan): one agreement.
            var left = await Factory.WithDbAsync(db => db.PlanQuotes.Where(q => q.PlanId == planId && q.Status == QuoteStatus.Open).Select(q => q.Id).SingleAsync());
            var same = await Task.WhenAll(AwardAsync(buyer, planId, [(left, 20)]), AwardAsync(colleague, planId, [(left, 20)]));
            Assert.Equal(1, same.Count(p => p.Status == HttpStatusCode.OK));
            Assert.Equal(1, await Factory.WithDbAsync(db => db.SupplyAgreements.CountAsync(x => x.QuoteId == left)));
            Assert.Equal(100, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == planId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync()));
        }
    }

    /// <summary>Submits the change form of the agreement's page, from the terms it shows, with the fields given.</summary>
    private static async Task<HtmlPage> AskChangeAsync(HttpClient client, string agreementUrl, params (string Name, string Value)[] fields)
    {
        var page = await client.GetPageAsync(agreementUrl);
        return await page.SubmitAsync(client, "#change-form", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
    }

    [SkippableFact]
    public async Task AChangeIsAskedByOneSideAndAcceptedRefusedOrWithdrawnAndAStaleSameSideOrEndedOneChangesNothing()
    {
        var s = await PlanWithTwoQuotesAsync("变更协议莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)]);
        var id = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        var org = $"/organisation/agreements/{id}";
        var sup = $"/supplier/agreements/{id}";
        var buyerFormAtVersion1 = await s.Buyer.GetPageAsync(org);

        // The cooperative asks for a higher price; the school cannot ask at the same time, and the cooperative cannot decide its own.
        var asked = await AskChangeAsync(s.A.Client, sup, ("Change.UnitPrice", "68.00"), ("Change.Reason", "化肥涨价"));
        Assert.Equal("变更申请已提交，等待对方处理。", asked.Text("#status"));
        Assert.Equal("待对方处理", asked.Text("#change-requests tr.change-request .request-status"));
        var requestId = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id).Select(r => r.Id).SingleAsync());
        var both = await buyerFormAtVersion1.SubmitAsync(s.Buyer, "#change-form", [new("Change.QuantityPerDelivery", "70"), new("Change.Reason", "学生减少")]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, both.Status);
        Assert.Equal("该协议已有一项待处理的变更申请，请等待处理或撤回后再申请。", both.Text("#agreement-errors li"));
        var own = await PostWithTokenAsync(s.A.Client, asked, $"{sup}?handler=Accept&requestId={requestId}", []);
        Assert.Equal("变更申请须由对方处理，申请方不能自己同意或拒绝。", own.Text("#agreement-errors li"));
        var notTheirs = await PostWithTokenAsync(s.Buyer, buyerFormAtVersion1, $"{org}?handler=Withdraw&requestId={requestId}", []);
        Assert.Equal("只有申请方可以撤回该申请。", notTheirs.Text("#agreement-errors li"));

        // The school refuses it, with a reason only.
        var school = await s.Buyer.GetPageAsync(org);
        Assert.NotNull(school.Find("#accept-form"));
        var noReason = await school.SubmitAsync(s.Buyer, "#refuse-form");
        Assert.Equal("请说明拒绝原因。", noReason.Text("[data-valmsg-for='RefusalReason']"));
        var refused = await school.SubmitAsync(s.Buyer, "#refuse-form", [new("RefusalReason", "本学期预算已定")]);
        Assert.Equal("已拒绝变更申请。", refused.Text("#status"));
        Assert.EndsWith("本学期预算已定", refused.Text($"#change-requests tr[data-request='{requestId}'] .request-status"));
        Assert.StartsWith("已拒绝", refused.Text($"#change-requests tr[data-request='{requestId}'] .request-status"));

        // Asked again, then withdrawn by the cooperative.
        await AskChangeAsync(s.A.Client, sup, ("Change.QuantityPerDelivery", "60"), ("Change.Reason", "产量不足"));
        var withdrawn = await (await s.A.Client.GetPageAsync(sup)).SubmitAsync(s.A.Client, "#withdraw-form");
        Assert.Equal("已撤回变更申请。", withdrawn.Text("#status"));

        // Nothing changed is no change; the school then asks for Mondays only until the first Sunday, and the cooperative accepts.
        var same = await AskChangeAsync(s.Buyer, org, ("Change.Reason", "没有改动"));
        Assert.Equal("拟变更的条款与现行条款相同。", same.Text("#agreement-errors li"));
        var schoolAsks = await AskChangeAsync(s.Buyer, org, ("Change.Weekdays", "Monday"), ("Change.EndDate", Iso(s.Start.AddDays(6))),
            ("Change.ChangeNoticeDays", "5"), ("Change.Reason", "考试周停课"));
        Assert.Equal("变更申请已提交，等待对方处理。", schoolAsks.Text("#status"));
        var accepted = await (await s.A.Client.GetPageAsync(sup)).SubmitAsync(s.A.Client, "#accept-form");
        Assert.Equal("已同意变更，协议已更新为新版本。", accepted.Text("#status"));
        Assert.Equal("2", accepted.Text("#agreement-version"));
        Assert.Equal("每周：星期一", accepted.Text("#agreement-schedule"));
        Assert.Equal($"{Iso(s.Start)} – {Iso(s.Start.AddDays(6))}", accepted.Text("#agreement-period"));
        Assert.Equal("提前 5 天", accepted.Text("#agreement-notice"));
        Assert.Equal([Iso(s.Start)], accepted.All("#deliveries tr.delivery").Select(r => r.GetAttribute("data-date")!).ToList());
        Assert.Equal(["2|考试周停课", "1|授标签订"], accepted.All("#versions tr.version")
            .Select(r => r.QuerySelector(".version-number")!.TextContent.Trim() + "|" + r.QuerySelector(".version-reason")!.TextContent.Trim()).ToList());
        var saved = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Id == id)
            .Select(a => new { a.Version, a.UnitPriceFen, a.QuantityPerDelivery, a.WeekdayMask, a.EndDate, a.ChangeNoticeDays }).SingleAsync());
        Assert.Equal(new { Version = 2, UnitPriceFen = 6500L, QuantityPerDelivery = 80, WeekdayMask = 1 << (int)DayOfWeek.Monday, EndDate = s.Start.AddDays(6), ChangeNoticeDays = 5 }, saved);

        // A form read at version 1 is stale now.
        var stale = await buyerFormAtVersion1.SubmitAsync(s.Buyer, "#change-form", [new("Change.UnitPrice", "60.00"), new("Change.Reason", "旧页面")]);
        Assert.Equal("协议在此之后已有新版本，请查看最新条款后重新申请。", stale.Text("#agreement-errors li"));

        // Each step told the other side and was audited.
        var schoolBuyer = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Link == org).Select(n => n.Kind).ToListAsync());
        Assert.Contains(NotificationKind.AgreementChangeRequested, schoolBuyer);
        Assert.Contains(NotificationKind.AgreementChangeWithdrawn, schoolBuyer);
        Assert.Contains(NotificationKind.AgreementChangeAccepted, schoolBuyer);
        var coopTold = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Link == sup).Select(n => n.Kind).ToListAsync());
        Assert.Contains(NotificationKind.AgreementChangeRefused, coopTold);
        Assert.Contains(NotificationKind.AgreementChangeRequested, coopTold);
        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectType == "SupplyAgreement" && e.SubjectId == id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["Agreement.Award", "Agreement.RequestChange", "Agreement.RefuseChange", "Agreement.RequestChange", "Agreement.WithdrawChange",
            "Agreement.RequestChange", "Agreement.AcceptChange"], actions);
        Assert.Equal(["Accepted", "Withdrawn", "Refused"], await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id)
            .OrderByDescending(r => r.Id).Select(r => r.Status.ToString()).ToListAsync()));
    }

    [SkippableFact]
    public async Task BothSidesAskingAtOnceLeaveOneRequestPending()
    {
        var s = await PlanWithTwoQuotesAsync("同时申请变更莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)]);
        var id = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        for (var round = 0; round < 3; round++)
        {
            var schoolPage = await s.Buyer.GetPageAsync($"/organisation/agreements/{id}");
            var coopPage = await s.A.Client.GetPageAsync($"/supplier/agreements/{id}");
            var pages = await Task.WhenAll(
                schoolPage.SubmitAsync(s.Buyer, "#change-form", [new("Change.QuantityPerDelivery", "70"), new("Change.Reason", "学生减少")]),
                coopPage.SubmitAsync(s.A.Client, "#change-form", [new("Change.UnitPrice", "67.00"), new("Change.Reason", "运费上涨")]));
            Assert.Equal(1, pages.Count(p => p.Status == HttpStatusCode.OK));
            Assert.Equal("该协议已有一项待处理的变更申请，请等待处理或撤回后再申请。", pages.Single(p => p.Status != HttpStatusCode.OK).Text("#agreement-errors li"));
            var pending = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id && r.Status == ChangeRequestStatus.Pending)
                .Select(r => r.RequestedBy).ToListAsync());
            var side = Assert.Single(pending);
            // The asker withdraws, for the next round.
            var asker = side == AgreementSide.Organisation ? s.Buyer : s.A.Client;
            var page = await asker.GetPageAsync(side == AgreementSide.Organisation ? $"/organisation/agreements/{id}" : $"/supplier/agreements/{id}");
            Assert.Equal("已撤回变更申请。", (await page.SubmitAsync(asker, "#withdraw-form")).Text("#status"));
        }
        Assert.Equal(3, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "Agreement.RequestChange" && e.SubjectId == id.ToString())));
    }

    [SkippableFact]
    public async Task TwoDecisionsOnOneRequestAtOnceTakeOnlyOne()
    {
        var s = await PlanWithTwoQuotesAsync("同时处理变更莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)]);
        var id = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        var org = $"/organisation/agreements/{id}";
        var sup = $"/supplier/agreements/{id}";
        for (var round = 0; round < 3; round++)
        {
            await AskChangeAsync(s.A.Client, sup, ("Change.UnitPrice", (66 + round).ToString(CultureInfo.InvariantCulture) + ".00"), ("Change.Reason", $"第{round}次涨价"));
            var requestId = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id && r.Status == ChangeRequestStatus.Pending).Select(r => r.Id).SingleAsync());
            var schoolPage = await s.Buyer.GetPageAsync(org);
            var coopPage = await s.A.Client.GetPageAsync(sup);
            // The school accepts while the cooperative withdraws it.
            var pages = await Task.WhenAll(schoolPage.SubmitAsync(s.Buyer, "#accept-form"), coopPage.SubmitAsync(s.A.Client, "#withdraw-form"));
            Assert.Equal(1, pages.Count(p => p.Status == HttpStatusCode.OK));
            var outcome = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync());
            var agreement = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Id == id).Select(a => new { a.Version, a.UnitPriceFen, Versions = a.Versions.Count }).SingleAsync());
            Assert.Equal(HttpStatusCode.OK, outcome == ChangeRequestStatus.Accepted ? pages[0].Status : pages[1].Status);
            Assert.Equal(agreement.Version, agreement.Versions);
            if (outcome == ChangeRequestStatus.Accepted) Assert.Equal((66 + round) * 100L, agreement.UnitPriceFen);
            else Assert.Equal(ChangeRequestStatus.Withdrawn, outcome);
        }
    }

    [SkippableFact]
    public async Task AnAgreementEndedEarlyWithAReasonHasNoDeliveriesFromThenAndNoLongerChanges()
    {
        var s = await PlanWithTwoQuotesAsync("提前终止莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)]);
        var id = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        var org = $"/organisation/agreements/{id}";
        var sup = $"/supplier/agreements/{id}";
        // A delivery the school skipped is written; ending leaves it as it is.
        await Factory.WithDbAsync(async db =>
        {
            db.StandingDeliveries.Add(new StandingDelivery { AgreementId = id, DeliveryDate = s.Start.AddDays(3), Quantity = 0, Status = StandingDeliveryStatus.Skipped, UpdatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        await AskChangeAsync(s.A.Client, sup, ("Change.UnitPrice", "66.00"), ("Change.Reason", "运费上涨"));
        var page = await s.Buyer.GetPageAsync(org);
        Assert.Equal("已跳过", page.Text($"#deliveries tr[data-date='{Iso(s.Start.AddDays(3))}'] .delivery-state"));

        var noReason = await page.SubmitAsync(s.Buyer, "#end-form");
        Assert.Equal("请说明提前终止的原因。", noReason.Text("[data-valmsg-for='EndReason']"));
        var ended = await page.SubmitAsync(s.Buyer, "#end-form", [new("EndReason", "食堂改由区里统一配送")]);
        Assert.Equal("协议已提前终止。", ended.Text("#status"));
        Assert.StartsWith("已终止", ended.Text("#agreement-status"));
        Assert.EndsWith("食堂改由区里统一配送", ended.Text("#agreement-status"));
        Assert.Equal("近期没有送货。", ended.Text("#no-deliveries"));
        Assert.Null(ended.Find("#change-form"));
        Assert.Null(ended.Find("#end-form"));
        // The cooperative's pending request ended with it, refused for the same reason.
        var request = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id).Select(r => new { r.Status, r.RefusalReason }).SingleAsync());
        Assert.Equal(new { Status = ChangeRequestStatus.Refused, RefusalReason = (string?)"食堂改由区里统一配送" }, request);

        // Asked or ended again: refused, nothing changes.
        var late = await PostWithTokenAsync(s.A.Client, await s.A.Client.GetPageAsync(sup), $"{sup}?handler=RequestChange",
            [new("Change.UnitPrice", "60.00"), new("Change.QuantityPerDelivery", "80"), new("Change.Frequency", "Weekly"), new("Change.Weekdays", "Monday"),
             new("Change.EndDate", Iso(s.Start.AddDays(13))), new("Change.ChangeNoticeDays", "2"), new("Change.Reason", "再谈"), new("Change.BasedOnVersion", "2")]);
        Assert.Equal("协议已终止，不能再变更。", late.Text("#agreement-errors li"));
        var again = await PostWithTokenAsync(s.A.Client, await s.A.Client.GetPageAsync(sup), $"{sup}?handler=End", [new("EndReason", "再终止一次")]);
        Assert.Equal("协议已终止。", again.Text("#agreement-errors li"));
        var saved = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Id == id).Select(a => new { a.Status, a.EndReason, a.Version }).SingleAsync());
        Assert.Equal(new { Status = AgreementStatus.Ended, EndReason = (string?)"食堂改由区里统一配送", Version = 2 }, saved);
        Assert.Equal(StandingDeliveryStatus.Skipped, await Factory.WithDbAsync(db => db.StandingDeliveries.Where(d => d.AgreementId == id).Select(d => d.Status).SingleAsync()));
        Assert.Contains(NotificationKind.AgreementEnded, await Factory.WithDbAsync(db => db.Notifications.Where(n => n.Link == sup).Select(n => n.Kind).ToListAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "Agreement.End" && e.SubjectId == id.ToString() && e.Reason == "食堂改由区里统一配送")));
    }

    private static async Task<TableRowsByFirstCell> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (table, problem) = await TableFiles.ReadAsync(await response.Content.ReadAsStreamAsync(), 10_000);
        Assert.Equal(TableFiles.Problem.None, problem);
        return new TableRowsByFirstCell(table!.Headers.ToList(), table.Rows.Select(r => r.Cells.ToList()).ToList());
    }

    private sealed record TableRowsByFirstCell(List<string> Headers, List<List<string>> Rows)
    {
        public List<List<string>> With(string first) => Rows.Where(r => r[0] == first).ToList();
    }

    [SkippableFact]
    public async Task PlansQuotesAndAgreementsAreExportedEachSideItsOwnWithExactCells()
    {
        var s = await PlanWithTwoQuotesAsync("导出莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 70), (s.QuoteB, 50)], noticeDays: 3, priceReview: "=按市场价复核");
        var ids = await Factory.AgreementIdsAsync(s.PlanId);
        var description = await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == s.PlanId).Select(p => p.Description).SingleAsync());
        var signedAt = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Id == ids[0]).Select(a => a.SignedAtUtc).SingleAsync());

        foreach (var format in new[] { "csv", "xlsx" })
        {
            var agreements = await ReadAsync(s.Buyer, $"/organisation/agreements?handler=Export&format={format}");
            Assert.Equal(["协议编号", "采购单位", "供应主体", "需求说明", "规格", "单价（元）", "每次数量", "单位", "送货频次", "开始日期", "结束日期", "变更提前天数", "价格复核条款", "状态", "版本", "签订时间", "需求编号"],
                agreements.Headers);
            // A price review typed as a formula stays text: guarded with a quote in CSV, a string cell in XLSX.
            Assert.Equal([[ids[0].ToString(CultureInfo.InvariantCulture), School, s.A.Name, description, "250g/盒", "65", "70", "盒", "每周：星期一、星期四",
                Iso(s.Start), Iso(s.Start.AddDays(13)), "3", format == "csv" ? "'=按市场价复核" : "=按市场价复核", "履行中", "1", Core.Money.ShanghaiTime.Format(signedAt), s.PlanId.ToString(CultureInfo.InvariantCulture)]],
                agreements.With(ids[0].ToString(CultureInfo.InvariantCulture)));
            Assert.Single(agreements.With(ids[1].ToString(CultureInfo.InvariantCulture)));

            var coopAgreements = await ReadAsync(s.A.Client, $"/supplier/agreements?handler=Export&format={format}");
            Assert.Single(coopAgreements.Rows);
            Assert.Equal(ids[0].ToString(CultureInfo.InvariantCulture), coopAgreements.Rows[0][0]);

            var quotes = await ReadAsync(s.Buyer, $"/organisation/plans?handler=Quotes&format={format}");
            Assert.Equal(["需求编号", "采购单位", "需求说明", "供应主体", "所在县", "单价（元）", "每次数量", "单位", "最早供货日期", "版本", "结果", "备注"], quotes.Headers);
            Assert.Equal([
                [s.PlanId.ToString(CultureInfo.InvariantCulture), School, description, s.A.Name, "永顺县", "65", "80", "盒", Iso(s.Start), "1", "已中标", "冷链配送"],
                [s.PlanId.ToString(CultureInfo.InvariantCulture), School, description, s.B.Name, "保靖县", "58", "60", "盒", Iso(s.Start.AddDays(3)), "1", "已中标", "冷链配送"],
            ], quotes.With(s.PlanId.ToString(CultureInfo.InvariantCulture)));
            var coopQuotes = await ReadAsync(s.B.Client, $"/supplier/agreements?handler=Quotes&format={format}");
            Assert.Equal([s.B.Name], coopQuotes.Rows.Select(r => r[3]).Distinct().ToList());

            var plans = await ReadAsync(s.Buyer, $"/organisation/plans?handler=Export&format={format}");
            // Revision 2: posted, then approved by the school's approver.
            Assert.Equal([[s.PlanId.ToString(CultureInfo.InvariantCulture), "茶叶", description, "250g/盒", "120", "盒", "每周：星期一、星期四", Iso(s.Start), Iso(s.Start.AddDays(13)),
                Iso(s.Start.AddDays(-1)), "70", "报价中", "2", "120", "2"]], plans.With(s.PlanId.ToString(CultureInfo.InvariantCulture)));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await s.Buyer.GetAsync("/organisation/agreements?handler=Export&format=pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task AnotherOrganisationsOrSuppliersAgreementIsNeverShownNorChanged()
    {
        var s = await PlanWithTwoQuotesAsync("别人的协议莓茶");
        await AwardAsync(s.Buyer, s.PlanId, [(s.QuoteA, 80)]);
        var id = (await Factory.AgreementIdsAsync(s.PlanId)).Single();
        await AskChangeAsync(s.A.Client, $"/supplier/agreements/{id}", ("Change.UnitPrice", "66.00"), ("Change.Reason", "运费上涨"));
        var requestId = await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.AgreementId == id).Select(r => r.Id).SingleAsync());

        var hospital = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer | OrganisationRoles.OrgAdmin));
        var hospitalPage = await hospital.GetPageAsync("/organisation/agreements");
        Assert.Null(hospitalPage.Find($"#agreements tr[data-agreement='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/organisation/agreements/{id}")).StatusCode);
        foreach (var handler in new[] { $"RequestChange", "End", $"Accept&requestId={requestId}", $"Refuse&requestId={requestId}", $"Withdraw&requestId={requestId}" })
            Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(hospital, hospitalPage, $"/organisation/agreements/{id}?handler={handler}",
                [new("RefusalReason", "x"), new("EndReason", "x")])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(hospital, hospitalPage, $"/organisation/plans/{s.PlanId}?handler=Award", [new($"Award.Quantities[{s.QuoteB}]", "10")])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(hospital, hospitalPage, $"/organisation/plans/{s.PlanId}?handler=Finish", [])).Status);

        // B quoted on the plan, but the agreement is A's: B neither sees nor decides it.
        var bPage = await s.B.Client.GetPageAsync("/supplier/agreements");
        Assert.Null(bPage.Find($"#agreements tr[data-agreement='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await s.B.Client.GetAsync($"/supplier/agreements/{id}")).StatusCode);
        foreach (var handler in new[] { "End", $"Withdraw&requestId={requestId}" })
            Assert.Equal(HttpStatusCode.NotFound, (await PostWithTokenAsync(s.B.Client, bPage, $"/supplier/agreements/{id}?handler={handler}", [new("EndReason", "x")])).Status);
        var bExport = await s.B.Client.GetAsync("/supplier/agreements?handler=Export&format=csv");
        Assert.DoesNotContain(School, await bExport.Content.ReadAsStringAsync());

        var saved = await Factory.WithDbAsync(db => db.SupplyAgreements.Where(a => a.Id == id).Select(a => new { a.Status, a.Version }).SingleAsync());
        Assert.Equal(new { Status = AgreementStatus.Active, Version = 1 }, saved);
        Assert.Equal(ChangeRequestStatus.Pending, await Factory.WithDbAsync(db => db.AgreementChangeRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync()));
        Assert.Equal(80, await Factory.WithDbAsync(db => db.ProcurementPlans.Where(p => p.Id == s.PlanId).Select(p => p.AwardedQuantityPerDelivery).SingleAsync()));
    }
}
