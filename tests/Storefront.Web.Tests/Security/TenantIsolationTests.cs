using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Security;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Photos;
using Storefront.Web.Tests.Suppliers;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Security;

public class TenantIsolationOnSqlite(StorefrontFactory factory) : TenantIsolationTests<StorefrontFactory>(factory);
public class TenantIsolationOnPostgreSql(PostgreSqlStorefrontFactory factory) : TenantIsolationTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>
/// Isolation by construction: every page of the shop, found by reflection as the app itself compiles them, declares
/// whom it is for, every id its handlers take is declared as a tenant's record (or a public one), and every handler,
/// tried by someone with every role in another organisation and another supplier with this tenant's ids, refuses
/// (403/404) or shows none of this tenant's data, and changes nothing of it. A new page is in this test by existing.
/// </summary>
public abstract partial class TenantIsolationTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private sealed record Handler(CompiledPageActionDescriptor Page, HandlerMethodDescriptor Method, TenancyAttribute? Tenancy)
    {
        public string Route => "/" + (Page.AttributeRouteInfo?.Template ?? "").TrimStart('/');
        public override string ToString() => $"{Method.HttpMethod} {Route} {Method.Name ?? ""} ({Page.ModelTypeInfo?.Name})";
    }

    /// <summary>Every handler of every page, as the app's page loader compiles them.</summary>
    private async Task<IReadOnlyList<Handler>> HandlersAsync()
    {
        Client();
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var pages = Factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .DistinctBy(p => p.RelativePath).ToList();
        var handlers = new List<Handler>();
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            foreach (var method in compiled.HandlerMethods)
                handlers.Add(new Handler(compiled, method, TenantFilter.TenancyOf(compiled, method.MethodInfo)));
        }
        return handlers;
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)[^}]*\}")]
    private static partial Regex RouteValue();

    private static bool LooksLikeId(string name) => name == "id" || name.EndsWith("Id", StringComparison.Ordinal);

    [SkippableFact]
    public async Task EveryPageDeclaresWhomItIsForAndEveryIdItTakesWhoseItIs()
    {
        var handlers = await HandlersAsync();
        Assert.True(handlers.Count > 100, $"only {handlers.Count} handlers found");
        var problems = new List<string>();
        foreach (var handler in handlers)
        {
            if (handler.Tenancy is null) problems.Add($"{handler}: declares nobody it is for");
            if (handler.Tenancy is AdminPageAttribute) continue;
            var routeIds = RouteValue().Matches(handler.Route).Select(m => m.Groups["name"].Value).Where(LooksLikeId);
            var parameterIds = handler.Method.Parameters
                .Where(p => LooksLikeId(p.Name) && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(int) || t == typeof(long)))
                .Select(p => p.Name);
            foreach (var name in routeIds.Union(parameterIds))
            {
                var parameter = handler.Method.Parameters.FirstOrDefault(p => p.Name == name);
                if (parameter is null) problems.Add($"{handler}: the route's {name} is not a parameter of the handler, so nobody checks it");
                else if (parameter.ParameterInfo.GetCustomAttribute<TenantIdAttribute>() is null && parameter.ParameterInfo.GetCustomAttribute<PublicIdAttribute>() is null)
                    problems.Add($"{handler}: {name} is declared neither [TenantId] nor [PublicId]");
            }
        }
        Assert.Empty(problems);
        // The admin pages are declared by their folder.
        Assert.All(handlers.Where(h => h.Page.ViewEnginePath.StartsWith("/Admin/", StringComparison.Ordinal)), h => Assert.IsType<AdminPageAttribute>(h.Tenancy));
    }

    private sealed record Ids(Dictionary<TenantRecord, long> Organisation, Dictionary<TenantRecord, long> Supplier, Dictionary<TenantRecord, long> Personal)
    {
        public Dictionary<TenantRecord, long> For(TenancyAttribute? tenancy) => tenancy switch
        {
            SupplierPageAttribute => Supplier,
            PersonalPageAttribute => Personal,
            _ => Organisation,
        };
    }

    /// <summary>The school's orders (one shipped, one waiting for approval) and its other records, and a supplier's.</summary>
    private async Task<(Ids Victim, IReadOnlyList<string> Markers, int SchoolId, int SupplierId)> VictimAsync()
    {
        var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(School, OrganisationRoles.Buyer));
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Rice)}, 200");
        var shippedPurchase = await buyer.CheckOutAsync();
        var shipped = OrderIdsOf(shippedPurchase).Single();
        await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 20");
        await buyer.CheckOutAsync();

        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<StorefrontDbContext>();
        var workflow = services.GetRequiredService<OrderWorkflow>();
        var approverId = await db.Users.Where(u => u.Email == DemoData.MemberEmail("school", "approver")).Select(u => u.Id).SingleAsync();
        var who = new OrderWorkflow.Actor(approverId, "approver");
        Assert.True((await workflow.ApproveAsync((await workflow.FindAsync(shipped))!, who, null)).Succeeded);
        var paid = await services.GetRequiredService<PaymentConfirmation>()
            .ConfirmAsync(new(PurchaseIdOf(shippedPurchase), PaymentMethod.BankTransfer, 104_000, DateTime.UtcNow, $"T-{Guid.NewGuid():N}", null, "admin"));
        Assert.Equal(PaymentConfirmation.Outcome.Confirmed, paid.Outcome);
        Assert.True((await workflow.AcceptAsync((await workflow.FindAsync(shipped))!, who)).Succeeded);
        var order = (await workflow.FindAsync(shipped))!;
        Assert.True((await workflow.ShipAsync(order, who, new("顺丰", "SF9", new Dictionary<long, int> { [order.Lines.Single().Id] = 200 }))).Succeeded);

        // The shipped order's fapiao, requested and issued, so that its file is there to be refused.
        var desk = services.GetRequiredService<Core.Fapiao.FapiaoDesk>();
        var buyerId = await db.Orders.Where(o => o.Id == shipped).Select(o => o.Purchase.BuyerUserId).SingleAsync();
        Assert.True((await desk.RequestAsync((await workflow.FindAsync(shipped))!, new(Core.Fapiao.FapiaoKind.Ordinary, School, null, "caiwu@school.example.cn"), new(buyerId, "buyer"))).Succeeded);
        var (fapiaoFile, _) = await Core.Fapiao.FapiaoFiles.ReadAsync(new MemoryStream("%PDF-1.7\n%别人的发票\n%%EOF\n"u8.ToArray()), "别人的发票.pdf");
        var issuedOn = Core.Money.ShanghaiTime.DateOf(DateTime.UtcNow);
        Assert.True((await desk.IssueAsync((await workflow.FindAsync(shipped))!, new($"{Random.Shared.Next(10_000_000, 99_999_999)}", issuedOn, 104_000), fapiaoFile!, who)).Succeeded);
        var fapiaoId = await db.IssuedFapiaos.Where(f => f.OrderId == shipped).Select(f => f.Id).SingleAsync();

        var school = await db.Organisations.Where(o => o.Name == School).Select(o => o.Id).SingleAsync();
        // The school's procurement plan, of rice: the attacker's cooperative sells tea, so it is no plan of its trade either.
        var today = Core.Money.ShanghaiTime.DateOf(DateTime.UtcNow);
        var (plan, planProblems) = await services.GetRequiredService<Core.Demand.ProcurementPlans>().PostAsync(school, new(buyerId, "buyer"), new(
            await db.Categories.Where(c => c.Slug == "rice").Select(c => c.Id).SingleAsync(), "别人的采购需求", "早籼", 300, "公斤",
            Core.Demand.DeliverySchedule.Weekly(DayOfWeek.Monday), today.AddDays(7), today.AddDays(90), today.AddDays(6),
            await db.DeliveryAddresses.Where(a => a.OrganisationId == school).Select(a => a.Id).FirstAsync(), new TimeOnly(9, 0), 650, null));
        Assert.Empty(planProblems);
        var schoolAdmin = await db.Users.Where(u => u.Email == DemoData.MemberEmail("school", "admin")).Select(u => u.Id).SingleAsync();
        services.GetRequiredService<Core.People.Invitations>().Create($"cook-{Guid.NewGuid():N}@example.cn", schoolAdmin, organisationId: school, roles: OrganisationRoles.Buyer);

        var (supplierId, _) = await Factory.AddSupplierAsync();
        // The plan awarded to this supplier's quote: an agreement, and a change request of it, that are theirs alone.
        var quote = new Core.Demand.PlanQuote { PlanId = plan!.Id, SupplierId = supplierId, UnitPriceFen = 600, QuantityPerDelivery = 100,
            FirstDeliveryOn = plan.StartDate, Revision = 1, SubmittedAtUtc = DateTime.UtcNow, UpdatedAtUtc = DateTime.UtcNow, PlanRevision = 1 };
        db.PlanQuotes.Add(quote);
        await db.SaveChangesAsync();
        var agreement = Core.Demand.SupplyAgreement.FromAward(plan, quote, 100, 2, "别人的价格条款", buyerId, DateTime.UtcNow);
        db.SupplyAgreements.Add(agreement);
        await db.SaveChangesAsync();
        var changeRequest = Core.Demand.AgreementChangeRequest.Propose(agreement, Core.Demand.AgreementSide.Supplier,
            agreement.Terms with { UnitPriceFen = 650 }, "别人的变更原因", buyerId, DateTime.UtcNow);
        db.AgreementChangeRequests.Add(changeRequest);
        await db.SaveChangesAsync();
        var listingTitle = $"别人的莓茶{Guid.NewGuid():N}"[..16];
        var listingId = await Factory.AddListingAsync(supplierId, withPhoto: true, title: listingTitle);
        var supplier = await db.Suppliers.SingleAsync(s => s.Id == supplierId);
        var (upload, _) = await Core.Suppliers.SupplierDocuments.ReadAsync(new MemoryStream(TestImages.Png()), "别人的营业执照.png", services.GetRequiredService<Core.Photos.IPhotoProcessor>());
        var document = await services.GetRequiredService<Core.Suppliers.SupplierDocuments>().StoreAsync(supplier, Core.Suppliers.SupplierDocumentKind.BusinessLicence, upload!, null);
        var (colleague, _) = await Factory.AddSupplierAsync();
        var colleagueUser = await db.SupplierMembers.Where(m => m.SupplierId == colleague).Select(m => m.UserId).SingleAsync();
        var member = new Core.Suppliers.SupplierMember { SupplierId = supplierId, UserId = colleagueUser, JoinedAtUtc = DateTime.UtcNow };
        db.SupplierMembers.Add(member);
        var owner = await db.SupplierMembers.Where(m => m.SupplierId == supplierId && m.IsOwner).Select(m => m.UserId).SingleAsync();
        services.GetRequiredService<Core.People.Invitations>().Create($"someone-{Guid.NewGuid():N}@example.cn", owner, supplierId: supplierId);
        await db.SaveChangesAsync();
        // The school's agreement with the supplier, for its tea, delivering two and nine days from today.
        var agreementId = await Demand.StandingArrange.AddAgreementAsync(db, school, supplierId, listingId, 6125, 40,
            DemoData.MemberEmail("school", "buyer"), 2, today.AddDays(2));

        var organisationIds = new Dictionary<TenantRecord, long>
        {
            [TenantRecord.Order] = shipped,
            [TenantRecord.Purchase] = PurchaseIdOf(shippedPurchase),
            [TenantRecord.Shipment] = await db.Shipments.Where(s => s.OrderId == shipped).Select(s => s.Id).SingleAsync(),
            // Offline, nobody has a payment request: an id of no one's must be refused as well.
            [TenantRecord.PaymentRequest] = 987_654_321,
            [TenantRecord.SavedList] = await db.SavedLists.Where(l => l.OrganisationId == school).Select(l => l.Id).FirstAsync(),
            [TenantRecord.Invitation] = await db.Invitations.Where(i => i.OrganisationId == school).Select(i => i.Id).FirstAsync(),
            [TenantRecord.OrganisationMember] = await db.OrganisationMembers.Where(m => m.OrganisationId == school).Select(m => m.Id).FirstAsync(),
            [TenantRecord.DeliveryAddress] = await db.DeliveryAddresses.Where(a => a.OrganisationId == school).Select(a => a.Id).FirstAsync(),
            [TenantRecord.Fapiao] = fapiaoId,
            [TenantRecord.ProcurementPlan] = plan!.Id,
            [TenantRecord.SupplyAgreement] = agreementId,
            [TenantRecord.AgreementChangeRequest] = changeRequest.Id,
        };
        var supplierIds = new Dictionary<TenantRecord, long>
        {
            [TenantRecord.Order] = shipped,
            [TenantRecord.Shipment] = organisationIds[TenantRecord.Shipment],
            [TenantRecord.Listing] = listingId,
            [TenantRecord.ListingPhoto] = await db.ListingPhotos.Where(p => p.ListingId == listingId).Select(p => p.Id).SingleAsync(),
            [TenantRecord.SupplierDocument] = document.Id,
            [TenantRecord.SupplierMember] = member.Id,
            [TenantRecord.Invitation] = await db.Invitations.Where(i => i.SupplierId == supplierId).Select(i => i.Id).SingleAsync(),
            [TenantRecord.Fapiao] = fapiaoId,
            [TenantRecord.ProcurementPlan] = plan.Id,
            [TenantRecord.SupplyAgreement] = agreementId,
            [TenantRecord.AgreementChangeRequest] = changeRequest.Id,
        };
        var personal = new Dictionary<TenantRecord, long>
        {
            [TenantRecord.Notification] = await db.Notifications.Where(n => db.OrganisationMembers.Any(m => m.UserId == n.UserId && m.OrganisationId == school)).Select(n => n.Id).FirstAsync(),
        };
        string[] markers = [School, "每周食堂订单", supplier.Name, listingTitle, "别人的营业执照", "别人的发票", "别人的采购需求", "别人的价格条款", "别人的变更原因"];
        return (new Ids(organisationIds, supplierIds, personal), markers, school, supplierId);
    }

    /// <summary>Someone with every role in the hospital and the owner of a supplier of their own, with records of their own.</summary>
    private async Task<(HttpClient Client, Ids Own)> AttackerAsync()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var listingId = await Factory.AddListingAsync(supplierId, withPhoto: true);
        var own = await Factory.WithDbAsync(async db =>
        {
            var hospital = await db.Organisations.Where(o => o.Name == Hospital).Select(o => o.Id).SingleAsync();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var membership = new OrganisationMember { OrganisationId = hospital, UserId = userId, Roles = OrganisationPageAttribute.AnyMember, JoinedAtUtc = DateTime.UtcNow };
            db.OrganisationMembers.Add(membership);
            await db.SaveChangesAsync();
            var order = await db.Orders.Where(o => o.OrganisationId == hospital).Select(o => new { o.Id, o.PurchaseId }).FirstAsync();
            return new Ids(
                new()
                {
                    [TenantRecord.Order] = order.Id, [TenantRecord.Purchase] = order.PurchaseId,
                    [TenantRecord.OrganisationMember] = membership.Id,
                    [TenantRecord.DeliveryAddress] = await db.DeliveryAddresses.Where(a => a.OrganisationId == hospital).Select(a => a.Id).FirstAsync(),
                },
                new()
                {
                    [TenantRecord.Listing] = listingId,
                    [TenantRecord.ListingPhoto] = await db.ListingPhotos.Where(p => p.ListingId == listingId).Select(p => p.Id).SingleAsync(),
                    [TenantRecord.SupplierMember] = await db.SupplierMembers.Where(m => m.SupplierId == supplierId).Select(m => m.Id).SingleAsync(),
                },
                []);
        });
        return (await SignedInClientAsync(email), own);
    }

    /// <summary>All that the school and the other supplier have, as a text to compare before and after.</summary>
    private Task<string> SnapshotAsync(int school, int supplierId) => Factory.WithDbAsync(async db =>
    {
        var parts = new List<object>
        {
            await db.Organisations.Where(o => o.Id == school).Select(o => new { o.Name, o.ApprovalThresholdFen, o.PaymentTermDays, o.InvoiceContactName, o.Status }).SingleAsync(),
            string.Join(",", await db.DeliveryAddresses.Where(a => a.OrganisationId == school).OrderBy(a => a.Id).Select(a => a.Id + a.Label + a.IsDefault).ToListAsync()),
            string.Join(",", await db.OrganisationMembers.Where(m => m.OrganisationId == school).OrderBy(m => m.Id).Select(m => m.Id + ":" + m.Roles).ToListAsync()),
            string.Join(",", await db.Invitations.Where(i => i.OrganisationId == school || i.SupplierId == supplierId).OrderBy(i => i.Id).Select(i => i.Id + ":" + i.RevokedAtUtc + i.AcceptedAtUtc).ToListAsync()),
            string.Join(",", await db.SavedLists.Where(l => l.OrganisationId == school).OrderBy(l => l.Id).Select(l => l.Id + ":" + l.Lines.Count).ToListAsync()),
            string.Join(",", await db.Orders.Where(o => o.OrganisationId == school).OrderBy(o => o.Id).Select(o => o.Id + ":" + o.Status + o.AcceptedAtUtc).ToListAsync()),
            await db.Receipts.CountAsync(r => db.Shipments.Any(s => s.Id == r.ShipmentId && s.Order.OrganisationId == school)),
            await db.Shipments.CountAsync(s => s.Order.OrganisationId == school),
            await db.CartLines.CountAsync(c => c.OrganisationId == school),
            await db.Notifications.CountAsync(n => n.ReadAtUtc != null && db.OrganisationMembers.Any(m => m.UserId == n.UserId && m.OrganisationId == school)),
            await db.CanteenFilings.CountAsync(f => f.OrganisationId == school),
            await db.Suppliers.Where(s => s.Id == supplierId).Select(s => new { s.Name, s.ContactPhone, s.Status }).SingleAsync(),
            string.Join(",", await db.Listings.Where(l => l.SupplierId == supplierId).Select(l => l.Title + l.Stock + l.Status + l.Revision + l.BasePriceFen).ToListAsync()),
            string.Join(",", await db.ListingPhotos.Where(p => db.Listings.Any(l => l.Id == p.ListingId && l.SupplierId == supplierId)).OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Position).ToListAsync()),
            await db.SupplierDocuments.CountAsync(d => d.SupplierId == supplierId),
            await db.SupplierMembers.CountAsync(m => m.SupplierId == supplierId),
            string.Join(",", await db.FapiaoRequests.Where(r => r.OrganisationId == school).OrderBy(r => r.Id).Select(r => r.Id + r.Title + r.Email + r.Kind).ToListAsync()),
            string.Join(",", await db.IssuedFapiaos.Where(f => f.OrganisationId == school).OrderBy(f => f.Id).Select(f => f.Id + f.Number + f.AmountFen).ToListAsync()),
            string.Join(",", await db.ProcurementPlans.Where(p => p.OrganisationId == school).OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Revision + p.ClosedAtUtc).ToListAsync()),
            string.Join(",", await db.PlanQuotes.Where(q => q.Plan.OrganisationId == school || q.SupplierId == supplierId).OrderBy(q => q.Id).Select(q => q.Id + ":" + q.Status + q.Revision).ToListAsync()),
            string.Join(",", await db.SupplyAgreements.Where(a => a.OrganisationId == school || a.SupplierId == supplierId).OrderBy(a => a.Id)
                .Select(a => a.Id + ":" + a.Status + a.Version + a.UnitPriceFen + a.EndReason).ToListAsync()),
            string.Join(",", await db.AgreementChangeRequests.Where(r => r.Agreement.OrganisationId == school || r.Agreement.SupplierId == supplierId).OrderBy(r => r.Id)
                .Select(r => r.Id + ":" + r.Status + r.RefusalReason).ToListAsync()),
            await db.ProcurementPlans.Where(p => p.OrganisationId == school).SumAsync(p => p.AwardedQuantityPerDelivery),
            string.Join(",", await db.StandingDeliveries.Where(d => d.Agreement.OrganisationId == school || d.Agreement.SupplierId == supplierId)
                .OrderBy(d => d.Id).Select(d => d.Id + ":" + d.Status + d.Quantity + d.ConfirmedAtUtc).ToListAsync()),
        };
        return string.Join(" | ", parts);
    });

    private static string ValueOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type)[0] : type == typeof(bool) ? "false" : type == typeof(string) ? "x" : "1";
    }

    /// <summary>The request for a handler, with the ids given and plain values for its other parameters.</summary>
    private static string UrlOf(Handler handler, Func<string, TenantRecord?, string?> id, int victimOrganisation, int victimSupplier)
    {
        string Value(HandlerParameterDescriptor? p, string name) =>
            p is null ? "1" : id(name, p.ParameterInfo.GetCustomAttribute<TenantIdAttribute>()?.Record) ?? ValueOf(p.ParameterType);
        var routeNames = new HashSet<string>();
        var path = RouteValue().Replace(handler.Route, m =>
        {
            var name = m.Groups["name"].Value;
            routeNames.Add(name);
            return Uri.EscapeDataString(Value(handler.Method.Parameters.FirstOrDefault(p => p.Name == name), name));
        });
        var query = new List<string>();
        if (handler.Method.Name is { } name) query.Add($"handler={name}");
        foreach (var p in handler.Method.Parameters.Where(p => !routeNames.Contains(p.Name)))
        {
            var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
            if (type.IsPrimitive || type.IsEnum || type == typeof(string)) query.Add($"{p.Name}={Uri.EscapeDataString(Value(p, p.Name))}");
        }
        // The seat choosers, naming the other tenant: one's own is acted for all the same.
        query.Add($"organisation={victimOrganisation.ToString(CultureInfo.InvariantCulture)}");
        query.Add($"supplier={victimSupplier.ToString(CultureInfo.InvariantCulture)}");
        return path + "?" + string.Join("&", query);
    }

    [SkippableFact]
    public async Task EveryHandlerRefusesAnotherTenantsIdsAndShowsAndChangesNothingOfTheirs()
    {
        var handlers = await HandlersAsync();
        var (victim, markers, school, victimSupplier) = await VictimAsync();
        var (client, own) = await AttackerAsync();
        var token = (await client.GetPageAsync("/")).Get("#sign-out-form input[name=__RequestVerificationToken]").GetAttribute("value")!;
        var before = await SnapshotAsync(school, victimSupplier);

        var problems = new List<string>();
        var tried = 0;
        // Public pages show no tenant's data (and signing out would end this visit); everything else is tried.
        foreach (var handler in handlers.Where(h => h.Tenancy is not PublicPageAttribute))
        {
            var tenantIds = handler.Method.Parameters.Select(p => p.ParameterInfo.GetCustomAttribute<TenantIdAttribute>()).OfType<TenantIdAttribute>().Select(a => a.Record).ToList();
            var theirs = victim.For(handler.Tenancy);
            var mine = own.For(handler.Tenancy);
            // All ids theirs; then each one theirs with the others one's own, where one has such records.
            var variants = new List<Func<string, TenantRecord?, string?>> { (_, r) => r is { } x ? Id(theirs, x) : null };
            if (tenantIds.Count > 1)
                foreach (var record in tenantIds.Where(r => tenantIds.Where(o => o != r).All(mine.ContainsKey)))
                    variants.Add((_, r) => r is { } x ? Id(x == record ? theirs : mine, x) : null);
            foreach (var variant in variants)
            {
                var url = UrlOf(handler, variant, school, victimSupplier);
                var response = string.Equals(handler.Method.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                tried++;
                var status = response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var refused = status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden;
                if (handler.Tenancy is AdminPageAttribute && status != HttpStatusCode.Forbidden) problems.Add($"{handler} {url}: {(int)status}, not 403 for a non-admin");
                else if (tenantIds.Count > 0 && !refused) problems.Add($"{handler} {url}: {(int)status}, not 403/404");
                else if ((int)status >= 500) problems.Add($"{handler} {url}: {(int)status}");
                foreach (var marker in markers.Where(m => body.Contains(m, StringComparison.Ordinal)))
                    problems.Add($"{handler} {url}: shows \"{marker}\"");
            }
        }
        Assert.True(tried > 80, $"only {tried} requests");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(before, await SnapshotAsync(school, victimSupplier));
    }

    private static string Id(Dictionary<TenantRecord, long> ids, TenantRecord record) =>
        (ids.TryGetValue(record, out var id) ? id : 987_654_321).ToString(CultureInfo.InvariantCulture);
}
