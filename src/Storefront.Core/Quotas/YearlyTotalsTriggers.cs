namespace Storefront.Core.Quotas;

/// <summary>
/// Keeps <see cref="QuotaYearlyTotal"/> equal to the <see cref="QuotaMonthlyTotal"/> rows added up, by triggers on
/// the monthly rows: whatever writes them (the ledger's upserts in <see cref="QuotaTotalsInterceptor"/>, a rebuild,
/// a test's own rows, a DELETE by hand) moves the year's row in the same statement, so the two never disagree and no
/// writer has to remember the second table. A year's row goes when its last month goes. The backfill adds up the
/// months that exist when the migration runs.
/// The SQL lives here, not in a migration, so that migrations can be re-created and call it again.
/// SQLite caveat: a migration that rebuilds <c>QuotaMonthlyTotals</c> drops its triggers; such a migration must call
/// <see cref="CreateSqlite"/> again after the rebuild.
/// </summary>
public static class YearlyTotalsTriggers
{
    public const string Backfill = """
        DELETE FROM "QuotaYearlyTotals";
        INSERT INTO "QuotaYearlyTotals" ("OrganisationId", "Year", "AmountFen", "EntryCount")
        SELECT "OrganisationId", "Year", SUM("AmountFen"), SUM("EntryCount") FROM "QuotaMonthlyTotals" GROUP BY "OrganisationId", "Year";
        """;

    // The WHERE true keeps SQLite from reading ON CONFLICT as part of the SELECT's join (its documented parsing ambiguity).
    private const string AddNewSqlite = """
        INSERT INTO "QuotaYearlyTotals" ("OrganisationId", "Year", "AmountFen", "EntryCount")
        SELECT NEW."OrganisationId", NEW."Year", NEW."AmountFen", NEW."EntryCount" WHERE true
        ON CONFLICT ("OrganisationId", "Year") DO UPDATE SET
            "AmountFen" = "QuotaYearlyTotals"."AmountFen" + excluded."AmountFen", "EntryCount" = "QuotaYearlyTotals"."EntryCount" + excluded."EntryCount";
        """;

    private const string TakeOldSqlite = """
        UPDATE "QuotaYearlyTotals" SET "AmountFen" = "AmountFen" - OLD."AmountFen", "EntryCount" = "EntryCount" - OLD."EntryCount"
        WHERE "OrganisationId" = OLD."OrganisationId" AND "Year" = OLD."Year";
        DELETE FROM "QuotaYearlyTotals" WHERE "OrganisationId" = OLD."OrganisationId" AND "Year" = OLD."Year"
            AND NOT EXISTS (SELECT 1 FROM "QuotaMonthlyTotals" m WHERE m."OrganisationId" = OLD."OrganisationId" AND m."Year" = OLD."Year");
        """;

    public const string CreateSqlite = $"""
        CREATE TRIGGER IF NOT EXISTS "TR_QuotaMonthlyTotals_YearlyInsert" AFTER INSERT ON "QuotaMonthlyTotals"
        BEGIN {AddNewSqlite} END;
        CREATE TRIGGER IF NOT EXISTS "TR_QuotaMonthlyTotals_YearlyUpdate" AFTER UPDATE ON "QuotaMonthlyTotals"
        BEGIN {TakeOldSqlite} {AddNewSqlite} END;
        CREATE TRIGGER IF NOT EXISTS "TR_QuotaMonthlyTotals_YearlyDelete" AFTER DELETE ON "QuotaMonthlyTotals"
        BEGIN {TakeOldSqlite} END;
        """;

    public const string DropSqlite = """
        DROP TRIGGER IF EXISTS "TR_QuotaMonthlyTotals_YearlyInsert";
        DROP TRIGGER IF EXISTS "TR_QuotaMonthlyTotals_YearlyUpdate";
        DROP TRIGGER IF EXISTS "TR_QuotaMonthlyTotals_YearlyDelete";
        """;

    // Concurrent upserts of two months of one organisation queue on its year's row; the interceptor writes months in
    // key order, so the year's rows are locked in organisation order too.
    public const string CreatePostgreSql = """
        CREATE OR REPLACE FUNCTION storefront_quota_yearly_totals() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                UPDATE "QuotaYearlyTotals" SET "AmountFen" = "AmountFen" - OLD."AmountFen", "EntryCount" = "EntryCount" - OLD."EntryCount"
                WHERE "OrganisationId" = OLD."OrganisationId" AND "Year" = OLD."Year";
                DELETE FROM "QuotaYearlyTotals" WHERE "OrganisationId" = OLD."OrganisationId" AND "Year" = OLD."Year"
                    AND NOT EXISTS (SELECT 1 FROM "QuotaMonthlyTotals" m WHERE m."OrganisationId" = OLD."OrganisationId" AND m."Year" = OLD."Year");
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO "QuotaYearlyTotals" ("OrganisationId", "Year", "AmountFen", "EntryCount")
                VALUES (NEW."OrganisationId", NEW."Year", NEW."AmountFen", NEW."EntryCount")
                ON CONFLICT ("OrganisationId", "Year") DO UPDATE SET
                    "AmountFen" = "QuotaYearlyTotals"."AmountFen" + excluded."AmountFen", "EntryCount" = "QuotaYearlyTotals"."EntryCount" + excluded."EntryCount";
            END IF;
            RETURN NULL;
        END
        $body$;
        CREATE OR REPLACE FUNCTION storefront_quota_yearly_totals_truncate() RETURNS trigger LANGUAGE plpgsql AS $body$
        BEGIN
            DELETE FROM "QuotaYearlyTotals";
            RETURN NULL;
        END
        $body$;
        CREATE TRIGGER "TR_QuotaMonthlyTotals_Yearly" AFTER INSERT OR UPDATE OR DELETE ON "QuotaMonthlyTotals"
            FOR EACH ROW EXECUTE FUNCTION storefront_quota_yearly_totals();
        CREATE TRIGGER "TR_QuotaMonthlyTotals_YearlyTruncate" AFTER TRUNCATE ON "QuotaMonthlyTotals"
            FOR EACH STATEMENT EXECUTE FUNCTION storefront_quota_yearly_totals_truncate();
        """;

    public const string DropPostgreSql = """
        DROP TRIGGER IF EXISTS "TR_QuotaMonthlyTotals_YearlyTruncate" ON "QuotaMonthlyTotals";
        DROP TRIGGER IF EXISTS "TR_QuotaMonthlyTotals_Yearly" ON "QuotaMonthlyTotals";
        DROP FUNCTION IF EXISTS storefront_quota_yearly_totals_truncate();
        DROP FUNCTION IF EXISTS storefront_quota_yearly_totals();
        """;
}
