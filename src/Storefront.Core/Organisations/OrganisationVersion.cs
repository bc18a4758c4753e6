namespace Storefront.Core.Organisations;

/// <summary>
/// An organisation's stamp: a new random value, in the same transaction, with every change to what its members' own
/// pages show of it (its orders, its quota ledger and monthly totals, its canteen filing, its supply agreements and
/// their deliveries, the organisation itself, its members' cart lines and the stock those lines lack), whoever makes
/// the change: the database's triggers set it (<see cref="OrganisationChanges"/>), so that writes around the change
/// tracker and the 832 import count too. The cart, orders list and quota page of a signed-in person are kept by it
/// (the web's Performance/SharedPages), as the catalog's pages are kept by <see cref="Catalog.CatalogVersion"/>. An
/// organisation that never changed has no row (stamp 0).
/// </summary>
public class OrganisationVersion
{
    public int OrganisationId { get; init; }
    public long Stamp { get; set; }
}

/// <summary>
/// The triggers that keep <see cref="OrganisationVersion"/>: after each row's insert, update or delete on the tables
/// below, the stamps of the organisations it touches are replaced. A ledger entry or monthly total of an organisation
/// that shares another's canteen also touches the host (whose quota page shows its sharers' purchases), a filing
/// touches the organisation it shares with, before and after the change, and a renamed organisation touches those
/// sharing a canteen with it either way (their pages name each other). The stamp is a random value, not a counter:
/// concurrent writers need no read, and a value is never seen twice.
/// The SQL lives here, not in a migration, so that migrations can be re-created and call it again. SQLite caveat: a
/// migration that rebuilds one of these tables drops its triggers; it must call <see cref="CreateSqlite"/> again.
/// </summary>
public static class OrganisationChanges
{
    /// <summary>A host's id for a sharer's row (r is NEW or OLD): every organisation its filings share a canteen with.</summary>
    private const string Hosts = """SELECT f."SharedWithOrganisationId" AS id FROM "CanteenFilings" f WHERE f."OrganisationId" = {r}."OrganisationId" """;

    private const string Own = """SELECT {r}."OrganisationId" AS id""";

    private const string OfAgreement = """SELECT a."OrganisationId" AS id FROM "SupplyAgreements" a WHERE a."Id" = {r}."AgreementId" """;

    /// <summary>
    /// A table whose rows' changes touch organisations, given as SELECTs of one column (id) over the row {r}; with
    /// <see cref="OnlyUpdateOf"/>, only an update of that column counts.
    /// </summary>
    private sealed record Watched(string Table, string[] Touched, string? OnlyUpdateOf = null);

    private static readonly Watched[] Tables =
    [
        new("Orders", [Own]),
        new("QuotaEntries", [Own, Hosts]),
        new("QuotaMonthlyTotals", [Own, Hosts]),
        new("CanteenFilings", [Own, """SELECT {r}."SharedWithOrganisationId" AS id"""]),
        new("SupplyAgreements", [Own]),
        new("StandingDeliveries", [OfAgreement]),
        new("AgreementVersions", [OfAgreement]),
        // A host's page names its sharers and a sharer's names its host.
        new("Organisations", ["""SELECT {r}."Id" AS id""",
            """SELECT f."SharedWithOrganisationId" AS id FROM "CanteenFilings" f WHERE f."OrganisationId" = {r}."Id" """,
            """SELECT f."OrganisationId" AS id FROM "CanteenFilings" f WHERE f."SharedWithOrganisationId" = {r}."Id" """]),
        // A cart's lines (any member's: the cart page is kept per person, by the organisation's stamp).
        new("CartLines", [Own]),
        // Stock is taken around the change tracker, so the catalog's stamp does not see it. A cart shows a listing's
        // stock only on a line that asks for more than there is: the carts with such a line before or after the change.
        new("Listings", ["""SELECT c."OrganisationId" AS id FROM "CartLines" c WHERE c."ListingId" = {r}."Id" AND c."Quantity" > {r}."Stock" """],
            OnlyUpdateOf: "Stock"),
    ];

    /// <summary>The tables whose triggers came with the cart's (migration CartChanges).</summary>
    public static readonly string[] CartTables = ["CartLines", "Listings"];

    /// <summary>The tables whose triggers came first (migration OrganisationVersions).</summary>
    public static readonly string[] TablesBeforeCart = [.. Tables.Select(t => t.Table).Except(CartTables)];

    private static string Touched(string[] selects, params string[] rows) =>
        string.Join(" UNION ", rows.SelectMany(r => selects.Select(s => s.Replace("{r}", r, StringComparison.Ordinal).Trim())));

    private static string Upsert(string touched, string stamp) => $"""
        INSERT INTO "OrganisationVersions" ("OrganisationId", "Stamp")
            SELECT t.id, {stamp} FROM ({touched}) AS t WHERE t.id IS NOT NULL
            ON CONFLICT ("OrganisationId") DO UPDATE SET "Stamp" = excluded."Stamp"
        """;

    private static IEnumerable<Watched> Only(string[] tables) => tables.Length == 0 ? Tables : Tables.Where(t => tables.Contains(t.Table));

    private static string Events(Watched t) => t.OnlyUpdateOf is { } column ? $"""UPDATE OF "{column}" """.Trim() : "INSERT OR UPDATE OR DELETE";

    /// <summary>The triggers of the given tables (all without any), replaced where they exist.</summary>
    public static string CreatePostgreSql(params string[] tables) => string.Join("\n", Only(tables).Select(t => $"""
        CREATE OR REPLACE FUNCTION "storefront_organisation_version_{t.Table.ToLowerInvariant()}"() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            -- NEW is null in a delete's trigger and OLD in an insert's: their ids drop out by IS NOT NULL.
            {Upsert(Touched(t.Touched, "NEW", "OLD"), "(random() * 4e18)::bigint")};
            RETURN NULL;
        END
        $body$;
        CREATE OR REPLACE TRIGGER "TR_{t.Table}_OrganisationVersion" AFTER {Events(t)} ON "{t.Table}"
            FOR EACH ROW EXECUTE FUNCTION "storefront_organisation_version_{t.Table.ToLowerInvariant()}"();
        """));

    public static string DropPostgreSql(params string[] tables) => string.Join("\n", Only(tables).Select(t => $"""
        DROP TRIGGER IF EXISTS "TR_{t.Table}_OrganisationVersion" ON "{t.Table}";
        DROP FUNCTION IF EXISTS "storefront_organisation_version_{t.Table.ToLowerInvariant()}"();
        """));

    private static readonly (string Event, string[] Rows)[] SqliteEvents = [("Insert", ["NEW"]), ("Update", ["NEW", "OLD"]), ("Delete", ["OLD"])];

    private static IEnumerable<(string Event, string[] Rows)> SqliteEventsOf(Watched t) => t.OnlyUpdateOf is null ? SqliteEvents : SqliteEvents.Where(e => e.Event == "Update");

    /// <summary>The triggers of the given tables (all without any), where they do not exist yet.</summary>
    public static string CreateSqlite(params string[] tables) => string.Join("\n", Only(tables).SelectMany(t => SqliteEventsOf(t).Select(e => $"""
        CREATE TRIGGER IF NOT EXISTS "TR_{t.Table}_OrganisationVersion_{e.Event}" AFTER {(e.Event == "Update" && t.OnlyUpdateOf is not null ? Events(t) : e.Event.ToUpperInvariant())} ON "{t.Table}"
        BEGIN
            {Upsert(Touched(t.Touched, e.Rows), "random()")};
        END;
        """)));

    public static string DropSqlite(params string[] tables) => string.Join("\n", Only(tables).SelectMany(t => SqliteEventsOf(t).Select(e =>
        $"""DROP TRIGGER IF EXISTS "TR_{t.Table}_OrganisationVersion_{e.Event}";""")));
}
