using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Money;
using Storefront.Core.Ordering;

namespace Storefront.Web.Demo;

/// <summary>
/// Supply and demand in the demo, made through the services people use: the school's plan of rice for the coming term
/// with three quotes (洞口, 溆浦 and 十八洞村's cooperatives), and the hospital's weekly agreement with 城步's family
/// farm for pork, signed ten weeks ago, whose past deliveries were made by the standing-order service, paid by bank
/// transfer (so counted to the hospital's quota, in the month each was paid), shipped and received (one of them
/// accepted a box short), each with its fapiao. The orders' steps run on clocks set to their days, so they read as they would have; the
/// transfers are recorded now, with the day they were paid.
/// The agreement's weekday is chosen five days from today, so no delivery is due within the lead days when the demo
/// is seeded: the job makes none at start, and the cooperative's calendar has the weeks ahead.
/// </summary>
public sealed class DemoDemand(IServiceProvider services, StorefrontDbContext db, ProcurementPlans plans, PlanQuoting quoting, TimeProvider clock)
{
    public const string SchoolPlanDescription = "学生食堂大米（秋季学期）";
    public const string HospitalAgreementDescription = "职工食堂土猪肉 五花";
    /// <summary>¥228.00 a box where the listing sells at ¥240.00.</summary>
    public const long HospitalAgreedFen = 22_800;
    public const int HospitalBoxes = 10;
    public const int HospitalPastDeliveries = 10;

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SchoolPlanAsync(ct);
        await HospitalAgreementAsync(ct);
    }

    private DateOnly Today => ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime);

    private async Task SchoolPlanAsync(CancellationToken ct)
    {
        var (schoolId, buyerId) = await MemberAsync("school", "buyer", ct);
        var start = Today.AddDays(14);
        while (start.DayOfWeek != DayOfWeek.Monday) start = start.AddDays(1);
        var rice = await db.Categories.Where(c => c.Slug == "rice").Select(c => c.Id).SingleAsync(ct);
        var address = await db.DeliveryAddresses.Where(a => a.OrganisationId == schoolId).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(ct);
        var (plan, problems) = await plans.PostAsync(schoolId, new OrderWorkflow.Actor(buyerId, DemoData.MemberEmail("school", "buyer")),
            new PlanInput(rice, SchoolPlanDescription, "早籼 散装", 300, "kg", DeliverySchedule.Weekly(DayOfWeek.Monday), start,
                start.AddDays(7 * 17), start.AddDays(-3), address, new TimeOnly(9, 30), 580, "430000"), ct);
        if (plan is null) throw new InvalidOperationException($"The demo plan was refused: {string.Join(", ", problems.Select(p => p.Key))}");
        if (plan.Approval == PlanApproval.AwaitingApproval)
        {
            // The school has an approval threshold: its approver lets the plan out, as the approvals page would.
            var (_, approverId) = await MemberAsync("school", "approver", ct);
            if (await plans.DecideAsync(plan, approve: true, null, new OrderWorkflow.Actor(approverId, DemoData.MemberEmail("school", "approver")), ct) is { } refused)
                throw new InvalidOperationException($"The demo plan was not approved: {refused.Key}");
        }
        var bulkRice = await db.Listings.Where(l => l.Title == "洞口香米 散装 按公斤").Select(l => l.Id).SingleAsync(ct);
        await QuoteAsync("dongkou", plan.Id, new QuoteInput(510, 300, start, bulkRice, "当季新米，冷链车每周一早上送达。"), ct);
        await QuoteAsync("xupu", plan.Id, new QuoteInput(530, 200, start, null, "25kg 编织袋装，可拆散称重。"), ct);
        await QuoteAsync("shibadong", plan.Id, new QuoteInput(560, 100, start.AddDays(7), null, "梯田山泉米，产量有限，只能供一部分。"), ct);
    }

    private async Task QuoteAsync(string supplierKey, long planId, QuoteInput input, CancellationToken ct)
    {
        var email = DemoData.SupplierEmail(supplierKey);
        var member = await db.SupplierMembers.Where(m => m.User.Email == email).Select(m => new { m.SupplierId, m.UserId }).SingleAsync(ct);
        var (_, problems) = await quoting.QuoteAsync(member.SupplierId, new OrderWorkflow.Actor(member.UserId, email), planId, input, ct);
        if (problems.Count > 0) throw new InvalidOperationException($"The demo quote of {supplierKey} was refused: {string.Join(", ", problems.Select(p => p.Key))}");
    }

    private async Task HospitalAgreementAsync(CancellationToken ct)
    {
        var (hospitalId, buyerId) = await MemberAsync("hospital", "buyer", ct);
        var today = Today;
        var weekday = today.AddDays(5).DayOfWeek;
        var start = today.AddDays(-7 * HospitalPastDeliveries);
        while (start.DayOfWeek != weekday) start = start.AddDays(1);
        var pork = await db.Listings.Where(l => l.Title == "城步土猪肉 五花 5kg").Select(l => new { l.Id, l.SupplierId, l.CategoryId }).SingleAsync(ct);
        var posted = At(start.AddDays(-21), 10);

        var plan = new ProcurementPlan { OrganisationId = hospitalId, Description = "", Unit = "", DeliveryAddress = "", PostedByUserId = buyerId, PostedAtUtc = posted };
        var hospitalCanteen = await db.DeliveryAddresses.Where(a => a.OrganisationId == hospitalId).OrderBy(a => a.Id).FirstAsync(ct);
        plan.Apply(new PlanInput(pork.CategoryId, HospitalAgreementDescription, "5kg/箱 冷鲜", HospitalBoxes, "箱", DeliverySchedule.Weekly(weekday),
            start, today.AddDays(180), start.AddDays(-10), hospitalCanteen.Id, new TimeOnly(7, 0), 25_000, null), hospitalCanteen, posted, isNew: true);
        var buyerName = DemoData.MemberEmail("hospital", "buyer");
        plan.KeepRevision(buyerId, buyerName);
        plan.Close(At(start.AddDays(-9), 10));
        plan.KeepRevision(buyerId, buyerName);
        db.ProcurementPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        var quote = new PlanQuote
        {
            PlanId = plan.Id, SupplierId = pork.SupplierId, UnitPriceFen = HospitalAgreedFen, QuantityPerDelivery = HospitalBoxes, FirstDeliveryOn = start,
            ListingId = pork.Id, PlanRevision = plan.Revision, Note = "每周冷链直送，屠宰后24小时内到店。", SubmittedAtUtc = At(start.AddDays(-14), 15),
            UpdatedAtUtc = At(start.AddDays(-14), 15), Revision = 1,
        };
        db.PlanQuotes.Add(quote);
        await db.SaveChangesAsync(ct);
        var agreement = SupplyAgreement.FromAward(plan, quote, HospitalBoxes, 2, "每季度按市场价复核一次", buyerId, At(start.AddDays(-8), 11));
        db.SupplyAgreements.Add(agreement);
        await db.SaveChangesAsync(ct);

        var adminId = await db.Users.Where(u => u.Email == DemoData.AdminEmail).Select(u => u.Id).SingleAsync(ct);
        var supplierUser = await db.SupplierMembers.Where(m => m.SupplierId == pork.SupplierId && m.IsOwner).Select(m => m.UserId).SingleAsync(ct);
        var n = 0;
        foreach (var delivery in agreement.DeliveriesBetween(start, today.AddDays(-1), []).ToList())
        {
            n++;
            // As the job would have, three days ahead; paid the day before; shipped and received on the day.
            var onItsDay = new FixedClock(At(delivery.Date.AddDays(-3), 2));
            var placement = ActivatorUtilities.CreateInstance<OrderPlacement>(services, (TimeProvider)onItsDay);
            var standing = ActivatorUtilities.CreateInstance<StandingOrders>(services, placement, (TimeProvider)onItsDay);
            var outcome = await standing.MakeAsync(await db.SupplyAgreements.AsNoTracking().SingleAsync(a => a.Id == agreement.Id, ct), delivery, PaymentMethod.BankTransfer, ct);
            if (outcome != StandingOrders.Outcome.Made) throw new InvalidOperationException($"The demo's standing order of {delivery.Date} was not made: {outcome}.");
            var orderId = await db.StandingDeliveries.Where(d => d.AgreementId == agreement.Id && d.DeliveryDate == delivery.Date).Select(d => d.OrderId!.Value).SingleAsync(ct);
            var purchaseId = await db.Orders.Where(o => o.Id == orderId).Select(o => o.PurchaseId).SingleAsync(ct);

            // Recorded now (whether a county is designated is asked as of the recording), paid on the day before.
            var transfers = services.GetRequiredService<BankTransfers>();
            var paid = await transfers.RecordAsync(new(purchaseId, HospitalAgreedFen * HospitalBoxes, At(delivery.Date.AddDays(-1), 10), "长沙市天心区人民医院",
                $"DEMO-HOSPITAL-{delivery.Date:yyyyMMdd}", adminId, DemoData.AdminEmail), ct);
            if (paid.Outcome != BankTransfers.Outcome.Recorded) throw new InvalidOperationException($"The demo's transfer of {delivery.Date} was refused: {paid.Outcome}.");

            var workflow = ActivatorUtilities.CreateInstance<OrderWorkflow>(services, (TimeProvider)new FixedClock(At(delivery.Date, 6)));
            var farm = new OrderWorkflow.Actor(supplierUser, DemoData.SupplierEmail("chengbu"));
            var canteen = new OrderWorkflow.Actor(buyerId, DemoData.MemberEmail("hospital", "buyer"));
            await workflow.AcceptAsync((await workflow.FindAsync(orderId, ct: ct))!, farm, ct);
            var order = (await workflow.FindAsync(orderId, ct: ct))!;
            await workflow.ShipAsync(order, farm, new("冷链自送", null, new Dictionary<long, int> { [order.Lines[0].Id] = HospitalBoxes }), ct);
            order = (await workflow.FindAsync(orderId, ct: ct))!;
            var line = order.Shipments[0].Lines[0];
            // The third delivery came with one box damaged: accepted short, the orders' own shortfall record.
            var draft = n == 3
                ? new OrderWorkflow.ReceiptDraft(new Dictionary<long, int> { [line.Id] = HospitalBoxes - 1 }, "一箱外包装破损，已拒收。",
                    new Dictionary<long, ShortfallKind> { [line.Id] = ShortfallKind.Damaged })
                : new OrderWorkflow.ReceiptDraft(new Dictionary<long, int>(), null);
            var received = await workflow.ReceiveAsync(order, order.Shipments[0].Id, canteen, draft, ct);
            if (!received.Succeeded) throw new InvalidOperationException($"The demo's receipt of {delivery.Date} failed: {received.Outcome}.");

            // The hospital asks for each order's fapiao and the farm issues it on the day: none waits in the admins' queue.
            var desk = services.GetRequiredService<Core.Fapiao.FapiaoDesk>();
            var requested = await desk.RequestAsync((await workflow.FindAsync(orderId, ct: ct))!,
                new(Core.Fapiao.FapiaoKind.Ordinary, "长沙市天心区人民医院", null, DemoData.MemberEmail("hospital", "buyer")), canteen, ct);
            var (file, _) = await Core.Fapiao.FapiaoFiles.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"%PDF-1.7\n% 城步土猪肉 {delivery.Date:yyyy-MM-dd}\n%%EOF\n")), "发票.pdf", ct);
            var issued = await desk.IssueAsync((await workflow.FindAsync(orderId, ct: ct))!,
                new($"4{delivery.Date:yyMMdd}{n % 10}", delivery.Date, HospitalAgreedFen * HospitalBoxes), file!, farm, ct);
            if (!requested.Succeeded || !issued.Succeeded) throw new InvalidOperationException($"The demo's fapiao of {delivery.Date} failed: {requested.Outcome}, {issued.Outcome}.");
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A time of day in Shanghai on a date, as UTC.</summary>
    private static DateTime At(DateOnly date, int hour) => ShanghaiTime.ToUtc(date.ToDateTime(new TimeOnly(hour, 0)));

    private async Task<(int OrganisationId, string UserId)> MemberAsync(string organisationKey, string role, CancellationToken ct)
    {
        var email = DemoData.MemberEmail(organisationKey, role);
        var member = await db.OrganisationMembers.AsNoTracking().Where(m => m.User.Email == email).Select(m => new { m.OrganisationId, m.UserId }).FirstAsync(ct);
        return (member.OrganisationId, member.UserId);
    }

    /// <summary>A clock stopped at one moment: the demo's past steps happen on their own days.</summary>
    private sealed class FixedClock(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
