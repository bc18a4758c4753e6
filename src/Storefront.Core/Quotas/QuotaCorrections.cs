using Storefront.Core.Data;
using Storefront.Core.Money;

namespace Storefront.Core.Quotas;

/// <summary>
/// An admin corrects a counted amount with a new entry and a reason, never by editing one (DESIGN.md rule 3).
/// A correction of the current year is dated now; one of a past year is dated at its last second (Shanghai), so it
/// counts in the year it corrects, in December.
/// </summary>
public sealed class QuotaCorrections(StorefrontDbContext db, QuotaLedger ledger, TimeProvider clock)
{
    public const int ReasonMaxLength = 1000;

    public enum Problem { AmountZero, ReasonRequired, YearInFuture, YearTooEarly }

    public IReadOnlyList<Problem> Validate(int year, long amountFen, string? reason)
    {
        var problems = new List<Problem>();
        if (amountFen == 0) problems.Add(Problem.AmountZero);
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(Problem.ReasonRequired);
        var thisYear = ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);
        if (year > thisYear) problems.Add(Problem.YearInFuture);
        if (year < QuotaRules.FirstYear) problems.Add(Problem.YearTooEarly);
        return problems;
    }

    /// <summary>Adds the correction and its ledger entry to the unit of work; the caller saves them with its audit entry.</summary>
    public async Task<QuotaCorrection> RecordAsync(int organisationId, int year, long amountFen, string reason, string? userId, CancellationToken ct = default)
    {
        if (Validate(year, amountFen, reason).Count > 0) throw new ArgumentException("The correction is not valid; validate it first.");
        var now = clock.GetUtcNow().UtcDateTime;
        var countsAt = ShanghaiTime.YearOf(now) == year ? now : ShanghaiTime.YearBounds(year).EndUtc.AddSeconds(-1);
        var correction = new QuotaCorrection
        {
            OrganisationId = organisationId,
            AmountFen = amountFen,
            CountsAtUtc = countsAt,
            Reason = reason.Trim(),
            RecordedByUserId = userId,
            RecordedAtUtc = now,
            SourceKey = $"correction:{Guid.NewGuid():N}",
        };
        db.QuotaCorrections.Add(correction);
        await ledger.AppendAsync(new QuotaLedger.Draft(organisationId, QuotaEntryKind.AdminCorrection, amountFen, countsAt, correction.SourceKey,
            Reference: correction.SourceKey, Note: correction.Reason, RecordedByUserId: userId), ct);
        return correction;
    }
}
