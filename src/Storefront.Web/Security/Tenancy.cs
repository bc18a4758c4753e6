using Storefront.Core.Organisations;

namespace Storefront.Web.Security;

/// <summary>
/// Whom a page (or one of its handlers) is for. Every page model declares one, on the class or inherited from its
/// base; a handler may declare its own. <see cref="TenantFilter"/> enforces it before any handler runs, and a page
/// without one is refused, so a new page cannot be forgotten. Pages under /Admin are declared by folder.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public abstract class TenancyAttribute : Attribute;

/// <summary>Anyone, signed in or not: shows no tenant's data (the catalog, signing in, error pages).</summary>
public sealed class PublicPageAttribute : TenancyAttribute;

/// <summary>A signed-in person's own things, found by their user id (notifications, registering an organisation).</summary>
public sealed class PersonalPageAttribute : TenancyAttribute;

/// <summary>The platform's admins: every page under /Admin, by folder (see PagesSetup).</summary>
public sealed class AdminPageAttribute : TenancyAttribute;

/// <summary>
/// Acts for the organisation the person is a member of with any of <see cref="AnyOf"/> (?organisation= chooses among
/// their own). Without such a seat: 403, or, with <see cref="SeatOptional"/>, the handler runs with no organisation.
/// </summary>
public sealed class OrganisationPageAttribute(OrganisationRoles anyOf) : TenancyAttribute
{
    public const OrganisationRoles AnyMember = OrganisationRoles.Buyer | OrganisationRoles.Approver | OrganisationRoles.OrgAdmin;

    public OrganisationRoles AnyOf { get; } = anyOf;
    public bool SeatOptional { get; init; }
}

/// <summary>
/// Acts for the supplier the person is a member of (?supplier= chooses among their own). Without a seat: a page is
/// sent to /supplier/join, a form answered 403. <see cref="OwnerOnly"/>: 403 for members who are not the owner;
/// <see cref="AdminsToo"/>: admins pass, and see every supplier's records.
/// </summary>
public sealed class SupplierPageAttribute : TenancyAttribute
{
    public bool OwnerOnly { get; init; }
    public bool AdminsToo { get; init; }
    /// <summary>Someone of no supplier gets 404, as for an id that does not exist, instead of the way to join.</summary>
    public bool NotFoundWithoutSeat { get; init; }
}

/// <summary>The kinds of record a handler's id may name; <see cref="Tenant.OwnsAsync"/> says whose each is.</summary>
public enum TenantRecord
{
    Order, Purchase, Shipment, PaymentRequest, SavedList, Invitation, OrganisationMember, DeliveryAddress,
    Listing, ListingPhoto, SupplierDocument, SupplierMember, Notification, Fapiao,
    /// <summary>An organisation's own plan; for a supplier, a plan of its trade (a category it has published listings in).</summary>
    ProcurementPlan,
    /// <summary>A supply agreement: the buying organisation's, or the supplier's that signed it.</summary>
    SupplyAgreement,
}

/// <summary>
/// A handler parameter (or route value) naming a record of the tenant's: the filter answers 404 before the handler
/// runs when the record is not the tenant's, the same answer as for an id that does not exist.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TenantIdAttribute(TenantRecord record) : Attribute
{
    public TenantRecord Record { get; } = record;
}

/// <summary>An id that names something public (a listing of the catalog), which any tenant may name.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PublicIdAttribute : Attribute;
