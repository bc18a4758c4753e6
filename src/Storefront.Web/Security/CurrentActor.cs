using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;

namespace Storefront.Web.Security;

/// <summary>
/// Who is making this request and what they may act for: read from the database once per request, so that a removed
/// member loses access at once instead of when a cookie expires.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, StorefrontDbContext db)
{
    public sealed record OrganisationSeat(int OrganisationId, string OrganisationName, OrganisationRoles Roles);
    public sealed record SupplierSeat(int SupplierId, string SupplierName, bool IsOwner);
    public sealed record Seats(IReadOnlyList<OrganisationSeat> Organisations, IReadOnlyList<SupplierSeat> Suppliers);

    private Seats? _seats;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;
    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => Principal?.Identity?.Name ?? "";
    public bool IsAdmin => Principal?.IsInRole(PlatformRoles.Admin) == true;

    public async Task<Seats> GetSeatsAsync(CancellationToken ct = default)
    {
        if (_seats is not null) return _seats;
        if (UserId is not { } userId) return _seats = new Seats([], []);
        var organisations = await db.OrganisationMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.OrganisationId)
            .Select(m => new OrganisationSeat(m.OrganisationId, m.Organisation.Name, m.Roles))
            .ToListAsync(ct);
        var suppliers = await db.SupplierMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderBy(m => m.SupplierId)
            .Select(m => new SupplierSeat(m.SupplierId, m.Supplier.Name, m.IsOwner))
            .ToListAsync(ct);
        return _seats = new Seats(organisations, suppliers);
    }

    /// <summary>
    /// The supplier this person acts for: the one chosen with ?supplier= when they belong to several, else their
    /// first. Null when they belong to none; pages answer that with 403, never with another supplier's data.
    /// </summary>
    public async Task<SupplierSeat?> CurrentSupplierAsync(CancellationToken ct = default)
    {
        var seats = (await GetSeatsAsync(ct)).Suppliers;
        var chosen = http.HttpContext?.Request.Query["supplier"].ToString();
        return seats.FirstOrDefault(s => s.SupplierId.ToString(System.Globalization.CultureInfo.InvariantCulture) == chosen) ?? seats.FirstOrDefault();
    }

    /// <summary>The organisation this person acts for, chosen as for suppliers with ?organisation=.</summary>
    public async Task<OrganisationSeat?> CurrentOrganisationAsync(CancellationToken ct = default)
    {
        var seats = (await GetSeatsAsync(ct)).Organisations;
        var chosen = http.HttpContext?.Request.Query["organisation"].ToString();
        return seats.FirstOrDefault(s => s.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture) == chosen) ?? seats.FirstOrDefault();
    }

    /// <summary>Whether the person holds the role in the organisation they act for.</summary>
    public async Task<bool> HasOrganisationRoleAsync(OrganisationRoles role, CancellationToken ct = default) =>
        (await CurrentOrganisationAsync(ct)) is { } seat && (seat.Roles & role) == role;
}
