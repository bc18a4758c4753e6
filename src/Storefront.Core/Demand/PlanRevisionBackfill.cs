namespace Storefront.Core.Demand;

/// <summary>
/// Plans posted before revisions were kept get one <see cref="ProcurementPlanRevision"/> row: their current terms under
/// their current revision number, made by whoever the audit log says last posted, changed, decided or closed them (the
/// poster when it says nothing), at the plan's last change. Their earlier revisions were overwritten and are not
/// invented. The SQL lives here, not in a migration, so that migrations can be re-created and call it again; it is
/// plain SQL that SQLite and PostgreSQL both read, and it skips plans that have their row already.
/// </summary>
public static class PlanRevisionBackfill
{
    private const string LastPlanAudit = """
        FROM "AuditEntries" a WHERE a."SubjectType" = 'ProcurementPlan' AND a."SubjectId" = CAST(p."Id" AS TEXT)
            AND a."Action" IN ('Plan.Post', 'Plan.Change', 'Plan.Approve', 'Plan.Reject', 'Plan.Close')
        ORDER BY a."Id" DESC LIMIT 1
        """;

    public const string Sql = $"""
        INSERT INTO "ProcurementPlanRevisions" ("PlanId", "Revision", "CategoryId", "Description", "Spec", "QuantityPerDelivery", "Unit",
            "Frequency", "WeekdayMask", "IntervalDays", "DayOfMonth", "StartDate", "EndDate", "QuotesCloseOn", "DeliveryAddress",
            "LatestDeliveryTime", "PriceCeilingFen", "ProvinceCode", "PairedCountiesOnly", "Approval", "RejectionReason", "Closed",
            "ChangedByUserId", "ChangedByName", "ChangedAtUtc")
        SELECT p."Id", p."Revision", p."CategoryId", p."Description", p."Spec", p."QuantityPerDelivery", p."Unit",
            p."Frequency", p."WeekdayMask", p."IntervalDays", p."DayOfMonth", p."StartDate", p."EndDate", p."QuotesCloseOn", p."DeliveryAddress",
            p."LatestDeliveryTime", p."PriceCeilingFen", p."ProvinceCode", p."PairedCountiesOnly", p."Approval", p."RejectionReason", p."ClosedAtUtc" IS NOT NULL,
            COALESCE((SELECT a."ActorUserId" {LastPlanAudit}), p."PostedByUserId"),
            COALESCE((SELECT a."ActorName" {LastPlanAudit}), (SELECT u."Email" FROM "AspNetUsers" u WHERE u."Id" = p."PostedByUserId"), ''),
            p."UpdatedAtUtc"
        FROM "ProcurementPlans" p
        WHERE NOT EXISTS (SELECT 1 FROM "ProcurementPlanRevisions" r WHERE r."PlanId" = p."Id" AND r."Revision" = p."Revision");
        """;
}
