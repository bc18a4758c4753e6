using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Money;

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
        string? RecordedByUserId = null);

    /// <summary>Adds the entry unless its source key is already in the ledger; true when it was added (not yet saved).</summary>
    public async Task<bool> AppendAsync(Draft draft, CancellationToken ct = default)
    {
        Validate(draft);
        if (db.ChangeTracker.Entries<QuotaEntry>().Any(e => e.Entity.SourceKey == draft.SourceKey)) return false;
        if (await db.QuotaEntries.AnyAsync(e => e.SourceKey == draft.SourceKey, ct)) return false;
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
        return true;
    }

    /// <summary>The counted amount: the sum of the organisation's entries in the year.</summary>
    public Task<long> CountedFenAsync(int organisationId, int year, CancellationToken ct = default) =>
        db.QuotaEntries.Where(e => e.OrganisationId == organisationId && e.Year == year).SumAsync(e => e.AmountFen, ct);

    private static void Validate(Draft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.SourceKey) || draft.SourceKey.Length > QuotaEntry.SourceKeyMaxLength)
            throw new ArgumentException("A quota entry needs a source key of at most 200 characters.", nameof(draft));
        var signIsRight = draft.Kind switch
        {
            QuotaEntryKind.PaymentConfirmed => draft.AmountFen > 0,
            QuotaEntryKind.Refund => draft.AmountFen < 0,
            _ => draft.AmountFen != 0,
        };
        if (!signIsRight)
            throw new ArgumentException($"A {draft.Kind} entry of {draft.AmountFen} fen has the wrong sign.", nameof(draft));
        if (draft.Kind == QuotaEntryKind.AdminCorrection && string.IsNullOrWhiteSpace(draft.Note))
            throw new ArgumentException("An admin correction needs a reason.", nameof(draft));
    }
}
