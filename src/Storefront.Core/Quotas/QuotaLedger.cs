using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;
using Storefront.Core.Regions;

namespace Storefront.Core.Quotas;

/// <summary>
/// Appends to the quota ledger (DESIGN.md rules 2 and 3). Entries are added to the caller's unit of work, so that a
/// payment and its quota entry are saved in one transaction; the unique source key is the last guard against a
/// concurrent duplicate, which then fails the whole transaction rather than counting twice.
/// </summary>
public sealed class QuotaLedger(StorefrontDbContext db, TimeProvider clock)
{
    public sealed record Draft(
        int OrganisationId,
        QuotaEntryKind Kind,
        long AmountFen,
        DateTime OccurredAtUtc,
        string SourceKey,
        int? SupplierId = null,
        string? CountyCode = null,
        long? OrderId = null,
        string? Reference = null,
        string? Note = null,
        string? RecordedByUserId = null,
        // The moment whose list of designated counties decides whether money towards a county counts; null: now.
        DateTime? DesignatedAsOfUtc = null);

    public enum Outcome
    {
        /// <summary>Added to the unit of work; counted once saved.</summary>
        Appended,
        /// <summary>The source key is already in the ledger (a replay or re-import): nothing added.</summary>
        AlreadyCounted,
        /// <summary>Money reaching a county that is not on the designated list does not count: nothing added.</summary>
        CountyNotDesignated,
    }

    /// <summary>Adds the entry unless its source key is already in the ledger; true when it was added (not yet saved).</summary>
    public async Task<bool> AppendAsync(Draft draft, CancellationToken ct = default) =>
        await TryAppendAsync(draft, ct) == Outcome.Appended;

    /// <summary>
    /// As <see cref="AppendAsync"/>, telling why nothing was added. Money moving towards a county (a payment, a
    /// positive 832 change) counts only when the county is designated; money moving back (a refund, a negative
    /// change) is always recorded, because it undoes an amount that passed this check when it was counted.
    /// The monthly totals are brought up to date in the same transaction when the entry is saved
    /// (<see cref="QuotaTotalsInterceptor"/>).
    /// </summary>
    public async Task<Outcome> TryAppendAsync(Draft draft, CancellationToken ct = default)
    {
        Validate(draft);
        if (db.ChangeTracker.Entries<QuotaEntry>().Any(e => e.Entity.SourceKey == draft.SourceKey)) return Outcome.AlreadyCounted;
        if (await db.QuotaEntries.AnyAsync(e => e.SourceKey == draft.SourceKey, ct)) return Outcome.AlreadyCounted;
        // A reversed refund gives back what its payment counted when the county passed this check: never asked again.
        if (draft.CountyCode is { } county && draft.AmountFen > 0 && draft.Kind is not (QuotaEntryKind.AdminCorrection or QuotaEntryKind.RefundReversed)
            && !await db.DesignatedCounties.DesignatedAt(draft.DesignatedAsOfUtc ?? clock.GetUtcNow().UtcDateTime).AnyAsync(c => c.CountyCode == county, ct))
            return Outcome.CountyNotDesignated;
        var occurred = DateTime.SpecifyKind(draft.OccurredAtUtc, DateTimeKind.Utc);
        var local = ShanghaiTime.FromUtc(occurred);
        db.QuotaEntries.Add(new QuotaEntry
        {
            OrganisationId = draft.OrganisationId,
            Kind = draft.Kind,
            AmountFen = draft.AmountFen,
            OccurredAtUtc = occurred,
            Year = local.Year,
            Month = local.Month,
            SourceKey = draft.SourceKey,
            SupplierId = draft.SupplierId,
            CountyCode = draft.CountyCode,
            OrderId = draft.OrderId,
            Reference = draft.Reference,
            Note = draft.Note,
            RecordedByUserId = draft.RecordedByUserId,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        return Outcome.Appended;
    }

    /// <summary>The sum of the organisation's own entries in the year (before any shared canteen is taken into account).</summary>
    public Task<long> CountedFenAsync(int organisationId, int year, CancellationToken ct = default) =>
        db.QuotaEntries.Where(e => e.OrganisationId == organisationId && e.Year == year).SumAsync(e => e.AmountFen, ct);

    /// <summary>
    /// The organisations whose entries count towards this one's quota in the year: itself, and those whose approved
    /// filing says they share its canteen. An organisation that shares another's canteen counts towards none of its own.
    /// </summary>
    public async Task<IReadOnlyList<int>> CountingTowardsAsync(int organisationId, int year, CancellationToken ct = default)
    {
        var filings = await db.CanteenFilings.AsNoTracking()
            .Where(f => f.Year == year && f.Status == FilingStatus.Approved && f.Kind == FilingKind.SharesCanteen
                && (f.OrganisationId == organisationId || f.SharedWithOrganisationId == organisationId))
            .Select(f => new { f.OrganisationId, f.SharedWithOrganisationId })
            .ToListAsync(ct);
        if (filings.Any(f => f.OrganisationId == organisationId)) return [];
        return [organisationId, .. filings.Select(f => f.OrganisationId)];
    }

    /// <summary>The counted amount towards the organisation's quota: its own entries and those of organisations sharing its canteen.</summary>
    public async Task<long> CountedTowardsFenAsync(int organisationId, int year, CancellationToken ct = default)
    {
        var ids = await CountingTowardsAsync(organisationId, year, ct);
        return await db.QuotaEntries.Where(e => ids.Contains(e.OrganisationId) && e.Year == year).SumAsync(e => e.AmountFen, ct);
    }

    private static void Validate(Draft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.SourceKey) || draft.SourceKey.Length > QuotaEntry.SourceKeyMaxLength)
            throw new ArgumentException("A quota entry needs a source key of at most 200 characters.", nameof(draft));
        var signIsRight = draft.Kind switch
        {
            QuotaEntryKind.PaymentConfirmed => draft.AmountFen > 0,
            QuotaEntryKind.Refund => draft.AmountFen < 0,
            QuotaEntryKind.RefundReversed => draft.AmountFen > 0,
            _ => draft.AmountFen != 0,
        };
        if (!signIsRight)
            throw new ArgumentException($"A {draft.Kind} entry of {draft.AmountFen} fen has the wrong sign.", nameof(draft));
        if (draft.Kind == QuotaEntryKind.AdminCorrection && string.IsNullOrWhiteSpace(draft.Note))
            throw new ArgumentException("An admin correction needs a reason.", nameof(draft));
    }
}
