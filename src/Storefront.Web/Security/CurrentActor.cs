using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Demand;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Web.Performance;

namespace Storefront.Web.Security;

/// <summary>
/// Who is making this request and what they may act for: read from the database once per request, so that a removed
/// member loses access at once instead of when a cookie expires. What the header shows of the person (their unread
/// notifications, an approver's waiting count) comes in the same round trip, since every page of a signed-in person
/// asks for both; so does what the shared and kept pages are keyed by (Performance/SharedPages): the catalog's stamp
/// (and a listing's stock) and the stamps of their organisations.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, StorefrontDbContext db, KeptStatements kept)
{
    /// <param name="AwaitingApproval">For an approver: the organisation's purchases and plans waiting for approval (the header's count).</param>
    public sealed record OrganisationSeat(int OrganisationId, string OrganisationName, OrganisationRoles Roles, int AwaitingApproval = 0);
    public sealed record SupplierSeat(int SupplierId, string SupplierName, bool IsOwner);
    public sealed record Seats(IReadOnlyList<OrganisationSeat> Organisations, IReadOnlyList<SupplierSeat> Suppliers, int UnreadNotifications = 0);

    private Seats? _seats;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsSignedIn => Principal?.Identity?.IsAuthenticated == true;
    public string? UserId => IsSignedIn ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => Principal?.Identity?.Name ?? "";
    public bool IsAdmin => Principal?.IsInRole(PlatformRoles.Admin) == true;

    /// <summary>
    /// A row of the person's one read: a seat in an organisation (0, with an approver's waiting count in
    /// <see cref="Stamp"/>) or a supplier (1), the unread count (2), the
    /// catalog's stamp (3, in <see cref="Stamp"/>), the asked listing's stock (4), the stamp of one of their
    /// organisations (5: <see cref="Id"/> the organisation).
    /// </summary>
    private sealed class SeatRow
    {
        public int Kind { get; init; }
        public int Id { get; init; }
        public string Name { get; init; } = "";
        public int Flags { get; init; }
        public long Stamp { get; init; }

        /// <summary>The rows as the statement's columns name them, read without EF.</summary>
        public static IEnumerable<SeatRow> ReadAll(System.Data.Common.DbDataReader reader)
        {
            int kind = reader.GetOrdinal(nameof(Kind)), id = reader.GetOrdinal(nameof(Id)), name = reader.GetOrdinal(nameof(Name)),
                flags = reader.GetOrdinal(nameof(Flags)), stamp = reader.GetOrdinal(nameof(Stamp));
            while (reader.Read())
            {
                yield return new SeatRow
                {
                    Kind = reader.GetInt32(kind), Id = reader.GetInt32(id), Name = reader.IsDBNull(name) ? "" : reader.GetString(name),
                    Flags = reader.GetInt32(flags), Stamp = reader.GetInt64(stamp),
                };
            }
        }
    }

    private const int NoListing = 0;
    private const string SeatsStatement = "seats";

    // One statement (UNION ALL), compiled, kept prepared and run without EF once written: a signed-in person's every
    // page reads it. Kept flat, since SQLite materialises a join on the right of a LEFT JOIN whole: every membership in
    // the shop, per request. The stamps of their organisations are read only for the pages kept by them (withOrganisations).
    private static readonly CompiledPerModel<Func<StorefrontDbContext, string, int, bool, IAsyncEnumerable<SeatRow>>> ReadSeats = new(() => EF.CompileAsyncQuery(
        (StorefrontDbContext db, string userId, int listingId, bool withOrganisations) =>
            db.OrganisationMembers.TagWith(KeptStatement.Named(SeatsStatement)).Where(m => m.UserId == userId)
                .Select(m => new SeatRow
                {
                    Kind = 0, Id = m.OrganisationId, Name = m.Organisation.Name, Flags = (int)m.Roles,
                    // What the approvals link counts: purchases with an order waiting, over the orders' (organisation, status) index, and plans waiting.
                    Stamp = (m.Roles & OrganisationRoles.Approver) == OrganisationRoles.Approver
                        ? db.Orders.Where(o => o.OrganisationId == m.OrganisationId && o.Status == OrderStatus.PendingApproval).Select(o => o.PurchaseId).Distinct().Count()
                            + db.ProcurementPlans.Count(p => p.OrganisationId == m.OrganisationId && p.Approval == PlanApproval.AwaitingApproval && p.ClosedAtUtc == null)
                        : 0,
                })
            .Concat(db.SupplierMembers.Where(m => m.UserId == userId)
                .Select(m => new SeatRow { Kind = 1, Id = m.SupplierId, Name = m.Supplier.Name, Flags = m.IsOwner ? 1 : 0, Stamp = 0 }))
            .Concat(db.Users.Where(u => u.Id == userId)
                .Select(u => new SeatRow { Kind = 2, Id = db.Notifications.Count(n => n.UserId == userId && n.ReadAtUtc == null), Name = "", Flags = 0, Stamp = 0 }))
            .Concat(db.CatalogVersions.Where(v => v.Id == CatalogVersion.SingletonId)
                .Select(v => new SeatRow { Kind = 3, Id = 0, Name = "", Flags = 0, Stamp = v.Stamp }))
            .Concat(db.Listings.Where(l => l.Id == listingId)
                .Select(l => new SeatRow { Kind = 4, Id = l.Stock, Name = "", Flags = 0, Stamp = 0 }))
            // From their memberships to the stamps by key: the stamps themselves are one row per organisation of the shop.
            .Concat(db.OrganisationMembers.Where(m => withOrganisations && m.UserId == userId)
                .Join(db.OrganisationVersions, m => m.OrganisationId, v => v.OrganisationId, (m, v) => new SeatRow { Kind = 5, Id = v.OrganisationId, Name = "", Flags = 0, Stamp = v.Stamp }))));

    public async Task<Seats> GetSeatsAsync(CancellationToken ct = default)
    {
        if (_seats is not null) return _seats;
        return _seats = UserId is { } userId ? (await ReadAsync(db, kept, userId, NoListing, false, ct)).Seats : new Seats([], []);
    }

    /// <summary>
    /// The person's seats with the catalog's stamp and, for a listing's page, its stock (null: no such listing), and
    /// with <paramref name="withOrganisations"/> the stamps of their organisations by id, in the one statement: what a
    /// shared or kept page is keyed by (Performance/SharedPages). For a signed-in person only.
    /// </summary>
    public async Task<(Seats Seats, long CatalogStamp, int? Stock, IReadOnlyDictionary<int, long> OrganisationStamps)> GetSeatsWithStampsAsync(int? listingId, bool withOrganisations, CancellationToken ct = default)
    {
        var read = await ReadAsync(db, kept, UserId ?? throw new InvalidOperationException("Nobody is signed in."), listingId ?? NoListing, withOrganisations, ct);
        _seats = read.Seats;
        return (read.Seats, read.Stamp, listingId is null ? null : read.Stock, read.Own);
    }

    /// <summary>Someone's seats read afresh: for the request just signed in, whose cookie this request does not carry yet.</summary>
    public static async Task<Seats> ReadSeatsAsync(StorefrontDbContext db, string userId, CancellationToken ct) =>
        (await ReadAsync(db, null, userId, NoListing, false, ct)).Seats;

    /// <param name="kept">Runs the statement without EF once EF has run it (Performance/KeptStatements).</param>
    private static async Task<(Seats Seats, long Stamp, int? Stock, IReadOnlyDictionary<int, long> Own)> ReadAsync(StorefrontDbContext db, KeptStatements? kept,
        string userId, int listingId, bool withOrganisations, CancellationToken ct)
    {
        var rows = new List<SeatRow>();
        // Outside a transaction only: the kept connection reads what is committed.
        if (db.Database.CurrentTransaction is null && kept is not null && await kept.RunAsync(db.Database.GetConnectionString() ?? "", SeatsStatement, new Dictionary<string, object>
            {
                [nameof(userId)] = userId, [nameof(listingId)] = listingId, [nameof(withOrganisations)] = withOrganisations,
            }, ct) is { } reader)
        {
            await using (reader) rows.AddRange(SeatRow.ReadAll(reader));
        }
        else
        {
            await foreach (var row in ReadSeats.For(db)(db, userId, listingId, withOrganisations).WithCancellation(ct)) rows.Add(row);
        }
        var seats = new Seats(
            rows.Where(r => r.Kind == 0).OrderBy(r => r.Id).Select(r => new OrganisationSeat(r.Id, r.Name, (OrganisationRoles)r.Flags, (int)r.Stamp)).ToList(),
            rows.Where(r => r.Kind == 1).OrderBy(r => r.Id).Select(r => new SupplierSeat(r.Id, r.Name, r.Flags == 1)).ToList(),
            rows.Where(r => r.Kind == 2).Select(r => r.Id).FirstOrDefault());
        var own = rows.Where(r => r.Kind == 5).ToDictionary(r => r.Id, r => r.Stamp);
        return (seats, rows.Where(r => r.Kind == 3).Select(r => r.Stamp).FirstOrDefault(), rows.Where(r => r.Kind == 4).Select(r => (int?)r.Id).FirstOrDefault(), own);
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
