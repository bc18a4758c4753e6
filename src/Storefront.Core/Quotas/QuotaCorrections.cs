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

    public enum Problem { AmountZero, ReasonRequired, YearInFuture, YearTooEarly, AmountBeyondMaximum, NeedsConfirmation }

    /// <summary>¥100,000,000 either way, unless configured otherwise: far above any canteen's reserve, far below an overflow.</summary>
    public const long DefaultMaxFen = 100_000_000_00;
    /// <summary>Without a reserve to compare with, a correction above ¥1,000,000 either way is confirmed first.</summary>
    public const long DefaultConfirmAboveFen = 1_000_000_00;

    /// <summary>
    /// How large a correction may be: above <paramref name="ConfirmAboveFen"/> (the organisation's reserve for the year, or
    /// a configured amount) the admin confirms it in a second step; above <paramref name="MaxFen"/> it is refused, so a slip
    /// of the keyboard (−2147483648, 99999999999.99) cannot move a figure that goes to a finance bureau.
    /// </summary>
    public sealed record Bounds(long ConfirmAboveFen, long MaxFen)
    {
        public static Bounds For(long? reserveFen, long configuredConfirmAboveFen = DefaultConfirmAboveFen, long configuredMaxFen = DefaultMaxFen) =>
            new(reserveFen is > 0 and var reserve ? reserve : configuredConfirmAboveFen, Math.Max(configuredMaxFen, reserveFen ?? 0));
    }

    public IReadOnlyList<Problem> Validate(int year, long amountFen, string? reason, Bounds? bounds = null, bool confirmed = true)
    {
        bounds ??= new Bounds(DefaultMaxFen, DefaultMaxFen);
        var problems = new List<Problem>();
        if (amountFen == 0) problems.Add(Problem.AmountZero);
        var size = amountFen == long.MinValue ? long.MaxValue : Math.Abs(amountFen);
        if (size > bounds.MaxFen) problems.Add(Problem.AmountBeyondMaximum);
        else if (size > bounds.ConfirmAboveFen && !confirmed) problems.Add(Problem.NeedsConfirmation);
        if (string.IsNullOrWhiteSpace(reason)) problems.Add(Problem.ReasonRequired);
        var thisYear = ShanghaiTime.YearOf(clock.GetUtcNow().UtcDateTime);
        if (year > thisYear) problems.Add(Problem.YearInFuture);
        if (year < QuotaRules.FirstYear) problems.Add(Problem.YearTooEarly);
        return problems;
    }

    /// <summary>Adds the correction and its ledger entry to the unit of work; the caller saves them with its audit entry.</summary>
    public async Task<QuotaCorrection> RecordAsync(int organisationId, int year, long amountFen, string reason, string? userId, CancellationToken ct = default,
        Bounds? bounds = null, bool confirmed = true)
    {
        if (Validate(year, amountFen, reason, bounds, confirmed).Count > 0) throw new ArgumentException("The correction is not valid; validate it first.");
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
