namespace Storefront.Core.Quotas;

/// <summary>
/// The database's own guard of DESIGN.md rule 3: the quota ledger is append-only, so a trigger refuses every UPDATE
/// and DELETE of <c>QuotaEntries</c> (and TRUNCATE on PostgreSQL), whoever sends it. Corrections are new entries.
/// The SQL lives here, not in a migration, so that migrations can be re-created and call it again.
/// SQLite caveat: a migration that rebuilds the table (EF does so for some column changes) drops its triggers; such a
/// migration must call <see cref="CreateSqlite"/> again after the rebuild.
/// </summary>
public static class AppendOnlyLedger
{
    /// <summary>Words every refusal carries, on both databases, so that callers and tests can tell it.</summary>
    public const string Refusal = "QuotaEntries is append-only";

    public const string CreatePostgreSql = $$"""
        CREATE OR REPLACE FUNCTION storefront_quota_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            RAISE EXCEPTION '{{Refusal}}: % refused', TG_OP USING ERRCODE = 'restrict_violation';
        END
        $body$;
        CREATE TRIGGER "TR_QuotaEntries_AppendOnly" BEFORE UPDATE OR DELETE ON "QuotaEntries"
            FOR EACH ROW EXECUTE FUNCTION storefront_quota_entries_append_only();
        CREATE TRIGGER "TR_QuotaEntries_NoTruncate" BEFORE TRUNCATE ON "QuotaEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION storefront_quota_entries_append_only();
        """;

    public const string DropPostgreSql = """
        DROP TRIGGER IF EXISTS "TR_QuotaEntries_NoTruncate" ON "QuotaEntries";
        DROP TRIGGER IF EXISTS "TR_QuotaEntries_AppendOnly" ON "QuotaEntries";
        DROP FUNCTION IF EXISTS storefront_quota_entries_append_only();
        """;

    public const string CreateSqlite = $"""
        CREATE TRIGGER IF NOT EXISTS "TR_QuotaEntries_NoUpdate" BEFORE UPDATE ON "QuotaEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}: UPDATE refused'); END;
        CREATE TRIGGER IF NOT EXISTS "TR_QuotaEntries_NoDelete" BEFORE DELETE ON "QuotaEntries"
        BEGIN SELECT RAISE(ABORT, '{Refusal}: DELETE refused'); END;
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "TR_QuotaEntries_NoUpdate";
        DROP TRIGGER IF EXISTS "TR_QuotaEntries_NoDelete";
        """;
}
