using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Web.Pages.Organisation;

namespace Storefront.Web.Security;

/// <summary>
/// The tenant this request acts for, settled by <see cref="TenantFilter"/> before the handler runs: the person's
/// organisation seat or supplier seat as the page declares it. Pages read their seat here, never from ids a request
/// names, and <see cref="OwnsAsync"/> is the one place that says whose a record is.
/// </summary>
public sealed class Tenant(CurrentActor actor, StorefrontDbContext db)
{
    public enum Refusal { None, SignIn, Forbidden, NotFound, Join }

    public TenancyAttribute? Tenancy { get; private set; }
    public CurrentActor.OrganisationSeat? Organisation { get; private set; }
    public CurrentActor.SupplierSeat? Supplier { get; private set; }
    /// <summary>Whether the person belongs to more than one supplier, so that links must say which (?supplier=).</summary>
    public bool SeveralSuppliers { get; private set; }

    /// <summary>The organisation's id; only on a page that declared an organisation seat, which it then has.</summary>
    public int OrganisationId => Organisation?.OrganisationId ?? throw new InvalidOperationException("This page acts for no organisation.");
    public int SupplierId => Supplier?.SupplierId ?? throw new InvalidOperationException("This page acts for no supplier.");

    public async Task<Refusal> EnterAsync(TenancyAttribute tenancy, CancellationToken ct)
    {
        Tenancy = tenancy;
        if (tenancy is PublicPageAttribute) return Refusal.None;
        if (!actor.IsSignedIn) return Refusal.SignIn;
        switch (tenancy)
        {
            case PersonalPageAttribute:
                return Refusal.None;
            case AdminPageAttribute:
                return actor.IsAdmin ? Refusal.None : Refusal.Forbidden;
            case OrganisationPageAttribute page:
                Organisation = await actor.SeatWithAsync(page.AnyOf, ct);
                return Organisation is not null || page.SeatOptional ? Refusal.None : Refusal.Forbidden;
            case SupplierPageAttribute page:
                if (page.AdminsToo && actor.IsAdmin) return Refusal.None;
                Supplier = await actor.CurrentSupplierAsync(ct);
                if (Supplier is null) return page.NotFoundWithoutSeat ? Refusal.NotFound : Refusal.Join;
                SeveralSuppliers = (await actor.GetSeatsAsync(ct)).Suppliers.Count > 1;
                return page.OwnerOnly && !Supplier.IsOwner ? Refusal.Forbidden : Refusal.None;
            default:
                throw new InvalidOperationException($"Unknown tenancy {tenancy.GetType().Name}.");
        }
    }

    /// <summary>Whether the record is the tenant's: admins own everything, a public page nothing.</summary>
    public async Task<bool> OwnsAsync(TenantRecord record, long id, CancellationToken ct)
    {
        if (Tenancy is AdminPageAttribute || (Tenancy is SupplierPageAttribute && Supplier is null && actor.IsAdmin)) return true;
        if (Tenancy is PersonalPageAttribute && record == TenantRecord.Notification)
        {
            var me = actor.UserId;
            return await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == me, ct);
        }
        var small = id is >= int.MinValue and <= int.MaxValue ? (int)id : 0;
        if (Organisation is { OrganisationId: var o })
        {
            return record switch
            {
                TenantRecord.Order => await db.Orders.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.Purchase => await db.Purchases.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.Shipment => await db.Shipments.AnyAsync(x => x.Id == id && x.Order.OrganisationId == o, ct),
                TenantRecord.PaymentRequest => await db.PaymentRequests.AnyAsync(x => x.Id == id && x.Purchase.OrganisationId == o, ct),
                TenantRecord.SavedList => await db.SavedLists.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.Invitation => await db.Invitations.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.OrganisationMember => await db.OrganisationMembers.AnyAsync(x => x.Id == small && x.OrganisationId == o, ct),
                TenantRecord.DeliveryAddress => await db.DeliveryAddresses.AnyAsync(x => x.Id == small && x.OrganisationId == o, ct),
                TenantRecord.Fapiao => await db.IssuedFapiaos.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.ProcurementPlan => await db.ProcurementPlans.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                TenantRecord.SupplyAgreement => await db.SupplyAgreements.AnyAsync(x => x.Id == id && x.OrganisationId == o, ct),
                _ => false,
            };
        }
        if (Supplier is { SupplierId: var s })
        {
            return record switch
            {
                // An order reaches its supplier once approved for payment; before that it is the buyer's business.
                TenantRecord.Order => await db.Orders.AnyAsync(x => x.Id == id && x.SupplierId == s && x.ApprovedAtUtc != null, ct),
                TenantRecord.Shipment => await db.Shipments.AnyAsync(x => x.Id == id && x.Order.SupplierId == s, ct),
                TenantRecord.Listing => await db.Listings.AnyAsync(x => x.Id == small && x.SupplierId == s, ct),
                TenantRecord.ListingPhoto => await db.ListingPhotos.AnyAsync(x => x.Id == small && db.Listings.Any(l => l.Id == x.ListingId && l.SupplierId == s), ct),
                TenantRecord.SupplierDocument => await db.SupplierDocuments.AnyAsync(x => x.Id == small && x.SupplierId == s, ct),
                TenantRecord.SupplierMember => await db.SupplierMembers.AnyAsync(x => x.Id == small && x.SupplierId == s, ct),
                TenantRecord.Invitation => await db.Invitations.AnyAsync(x => x.Id == id && x.SupplierId == s, ct),
                TenantRecord.Fapiao => await db.IssuedFapiaos.AnyAsync(x => x.Id == id && x.SupplierId == s, ct),
                // Plans are posted for the suppliers of their category to see; whether this one may quote is the
                // quote's own check, so that a supplier outside the plan's counties is told why.
                TenantRecord.ProcurementPlan => await db.ProcurementPlans.AnyAsync(p => p.Id == id
                    && db.Listings.Any(l => l.SupplierId == s && l.Status == Core.Catalog.ListingStatus.Published && l.CategoryId == p.CategoryId), ct),
                TenantRecord.SupplyAgreement => await db.SupplyAgreements.AnyAsync(x => x.Id == id && x.SupplierId == s, ct),
                _ => false,
            };
        }
        return false;
    }
}

/// <summary>
/// Runs before every page handler (and before the page model's own filter methods): finds what the page declares,
/// settles the <see cref="Tenant"/>, refuses a person without the seat, and answers 404 for any id the handler takes
/// that names another tenant's record.
/// </summary>
public sealed class TenantFilter : IAsyncPageFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var tenancy = TenancyOf(context.ActionDescriptor, context.HandlerMethod?.MethodInfo)
            ?? throw new InvalidOperationException($"The page {context.ActionDescriptor.ViewEnginePath} declares nobody it is for: " +
                "mark its model [PublicPage], [PersonalPage], [OrganisationPage] or [SupplierPage], or put it under /Admin.");
        var tenant = context.HttpContext.RequestServices.GetRequiredService<Tenant>();
        var ct = context.HttpContext.RequestAborted;
        var refusal = await tenant.EnterAsync(tenancy, ct);
        if (refusal != Tenant.Refusal.None)
        {
            context.Result = refusal switch
            {
                Tenant.Refusal.SignIn => new ChallengeResult(),
                Tenant.Refusal.NotFound => new NotFoundResult(),
                Tenant.Refusal.Join when HttpMethods.IsGet(context.HttpContext.Request.Method) => new RedirectToPageResult("/Supplier/Join"),
                _ => new ForbidResult(),
            };
            return;
        }
        foreach (var parameter in context.HandlerMethod?.Parameters ?? [])
        {
            if (parameter.ParameterInfo.GetCustomAttribute<TenantIdAttribute>() is not { } id) continue;
            // A missing or unreadable id binds as 0 (or null for an optional one): no record of anyone's.
            if (!context.HandlerArguments.TryGetValue(parameter.Name, out var value) || value is null) continue;
            if (!await tenant.OwnsAsync(id.Record, Convert.ToInt64(value, CultureInfo.InvariantCulture), ct))
            {
                context.Result = new NotFoundResult();
                return;
            }
        }
        await next();
    }

    /// <summary>What a handler declares, else its page model (or a base of it), else its folder.</summary>
    public static TenancyAttribute? TenancyOf(ActionDescriptor page, MethodInfo? handler) =>
        handler?.GetCustomAttribute<TenancyAttribute>()
        ?? (page as CompiledPageActionDescriptor)?.ModelTypeInfo?.GetCustomAttribute<TenancyAttribute>(inherit: true)
        ?? page.EndpointMetadata.OfType<TenancyAttribute>().LastOrDefault();
}
