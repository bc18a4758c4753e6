using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Data;

namespace Storefront.Core.Suppliers;

/// <summary>
/// The admins' decisions on a supplier, each written to the audit log in the same unit of work. Suspension and
/// reinstatement change what the 832 platform must list, so they raise the revision of the supplier's published listings.
/// </summary>
public sealed class SupplierVerification(StorefrontDbContext db, AuditLog audit, TimeProvider clock)
{
    public enum Decision { Approve, Reject, Suspend, Reinstate }

    public enum CodeProblem { None, Malformed, Taken }

    public const string SubjectType = "Supplier";

    public static bool NeedsReason(Decision decision) => decision is Decision.Reject or Decision.Suspend;

    /// <summary>Applies the decision when the supplier's state allows it; false changes nothing. The caller saves.</summary>
    public async Task<bool> DecideAsync(Supplier supplier, Decision decision, string? reason, string? actorUserId, string actorName, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var done = decision switch
        {
            Decision.Approve => supplier.Approve(now),
            Decision.Reject => supplier.Reject(reason ?? ""),
            Decision.Suspend => supplier.Suspend(reason ?? "", now),
            Decision.Reinstate => supplier.Reinstate(now),
            _ => false,
        };
        if (!done) return false;
        if (decision is Decision.Suspend or Decision.Reinstate) await ReviseListingsAsync(supplier.Id, now, ct);
        audit.Record(actorUserId, actorName, $"Supplier.{decision}", SubjectType, supplier.Id.ToString(CultureInfo.InvariantCulture),
            reason: string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return true;
    }

    /// <summary>
    /// Raises the revision of the supplier's published listings, which queues each for the 832 platform (DESIGN.md rule
    /// 6): the platform must learn of a change in whether, and under which code, they are on sale.
    /// </summary>
    private async Task ReviseListingsAsync(int supplierId, DateTime nowUtc, CancellationToken ct)
    {
        var published = await db.Listings.Where(l => l.SupplierId == supplierId && l.Status == ListingStatus.Published).ToListAsync(ct);
        foreach (var listing in published) listing.Revise(nowUtc);
    }

    /// <summary>1 to 64 letters, digits, '-' or '_', as the 832 platform issues them; empty clears the code.</summary>
    public static bool IsWellFormedPlatform832Code(string code) =>
        code.Length is >= 1 and <= Supplier.Platform832CodeMaxLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Records (or clears) the supplier's 832 supplier code, which no other supplier may hold. The caller saves.</summary>
    public async Task<CodeProblem> SetPlatform832CodeAsync(Supplier supplier, string? code, string? actorUserId, string actorName, CancellationToken ct = default)
    {
        var trimmed = string.IsNullOrWhiteSpace(code) ? null : code.Trim();
        if (trimmed is not null && !IsWellFormedPlatform832Code(trimmed)) return CodeProblem.Malformed;
        if (trimmed is not null && await db.Suppliers.AnyAsync(s => s.Platform832Code == trimmed && s.Id != supplier.Id, ct)) return CodeProblem.Taken;
        if (supplier.Platform832Code == trimmed) return CodeProblem.None;
        var previous = supplier.Platform832Code;
        supplier.Platform832Code = trimmed;
        // The listings go to the platform (or under the new code) with the next sync, not with tomorrow's reconciliation.
        if (trimmed is not null) await ReviseListingsAsync(supplier.Id, clock.GetUtcNow().UtcDateTime, ct);
        audit.Record(actorUserId, actorName, "Supplier.Platform832Code", SubjectType, supplier.Id.ToString(CultureInfo.InvariantCulture),
            details: $"{previous ?? "-"} → {trimmed ?? "-"}");
        return CodeProblem.None;
    }
}
