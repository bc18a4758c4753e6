using System.Net.Mail;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Fapiao;

/// <summary>
/// What may be asked and issued. A fapiao is requested once the order is paid (Paid, Shipped, Received or Completed:
/// not before payment, since what is owed is not settled, and not once wholly refunded). The supplier issues fapiaos
/// up to what the buyer paid net of refunds; when a refund leaves the order invoiced for more than that, the supplier
/// records a red-letter fapiao against one it issued, up to that fapiao's amount not yet reversed.
/// </summary>
public static class FapiaoRules
{
    public enum Field { Kind, Title, TaxId, Email, Number, IssuedOn, Amount, Reverses }

    /// <summary>A refusal: the field it is about, a code (its text is "Fapiao.Problem.{Code}") and an amount some texts name.</summary>
    public sealed record Problem(Field Field, string Code, long? Fen = null);

    public sealed record RequestDraft(FapiaoKind Kind, string? Title, string? TaxId, string? Email);

    /// <summary>What the supplier typed, from the fapiao: its number, date and amount (positive, also for a red-letter one).</summary>
    public sealed record IssueDraft(string? Number, DateOnly? IssuedOn, long? AmountFen);

    /// <summary>Where an order stands: what was paid net of refunds, and what its fapiaos add up to.</summary>
    public sealed record Standing(long PaidFen, long RefundedFen, long IssuedFen)
    {
        public long InvoiceableFen => PaidFen - RefundedFen;
        /// <summary>What may still be invoiced.</summary>
        public long OpenFen => Math.Max(0, InvoiceableFen - IssuedFen);
        /// <summary>A refund left the order invoiced for more than was paid: a red-letter fapiao is due.</summary>
        public bool NeedsRedLetter => IssuedFen > InvoiceableFen;
    }

    public static bool MayRequest(OrderStatus status) =>
        status is OrderStatus.Paid or OrderStatus.Shipped or OrderStatus.Received or OrderStatus.Completed;

    /// <summary>The request as it will be stored (trimmed, the tax id normalised), and what is wrong with it.</summary>
    public static (RequestDraft Cleaned, IReadOnlyList<Problem> Problems) CheckRequest(RequestDraft draft)
    {
        var problems = new List<Problem>();
        var title = draft.Title?.Trim() ?? "";
        var taxId = UnifiedSocialCreditCode.Normalize(draft.TaxId);
        var email = draft.Email?.Trim() ?? "";
        if (!Enum.IsDefined(draft.Kind)) problems.Add(new(Field.Kind, "KindUnknown"));
        if (title.Length == 0) problems.Add(new(Field.Title, "TitleRequired"));
        else if (title.Length > FapiaoRequest.TitleMaxLength) problems.Add(new(Field.Title, "TitleTooLong"));
        else if (title.Any(char.IsControl)) problems.Add(new(Field.Title, "TitleInvalid"));
        if (taxId.Length == 0)
        {
            if (draft.Kind == FapiaoKind.Special) problems.Add(new(Field.TaxId, "TaxIdRequiredForSpecial"));
        }
        else if (UnifiedSocialCreditCode.Check(taxId) is var taxProblem && taxProblem != UnifiedSocialCreditCode.Problem.None)
        {
            problems.Add(new(Field.TaxId, $"TaxId.{taxProblem}"));
        }
        if (email.Length == 0) problems.Add(new(Field.Email, "EmailRequired"));
        else if (email.Length > FapiaoRequest.EmailMaxLength || !IsEmail(email)) problems.Add(new(Field.Email, "EmailInvalid"));
        return (new RequestDraft(draft.Kind, title, taxId.Length == 0 ? null : taxId, email), problems);
    }

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.');

    /// <summary>A fapiao number: 8 (older fapiaos) to 20 (数电票) digits, spaces ignored.</summary>
    public static string NormalizeNumber(string? number) =>
        new((number ?? "").Where(c => !char.IsWhiteSpace(c)).Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c).ToArray());

    private static void CheckNumberAndDate(IssueDraft draft, DateOnly earliest, DateOnly today, List<Problem> problems)
    {
        var number = NormalizeNumber(draft.Number);
        if (number.Length == 0) problems.Add(new(Field.Number, "NumberRequired"));
        else if (number.Length is < IssuedFapiao.NumberMinLength or > IssuedFapiao.NumberMaxLength || !number.All(char.IsAsciiDigit))
            problems.Add(new(Field.Number, "NumberInvalid"));
        if (draft.IssuedOn is not { } date) problems.Add(new(Field.IssuedOn, "DateRequired"));
        else if (date > today) problems.Add(new(Field.IssuedOn, "DateInFuture"));
        else if (date < earliest) problems.Add(new(Field.IssuedOn, "DateTooEarly"));
    }

    /// <summary>A fapiao for the order: dated from the day the order was placed to today, for at most what is open.</summary>
    public static IReadOnlyList<Problem> CheckIssue(IssueDraft draft, Standing standing, DateOnly orderPlacedOn, DateOnly today)
    {
        var problems = new List<Problem>();
        CheckNumberAndDate(draft, orderPlacedOn, today, problems);
        if (draft.AmountFen is not { } amount) problems.Add(new(Field.Amount, "AmountRequired"));
        else if (amount <= 0) problems.Add(new(Field.Amount, "AmountNotPositive"));
        else if (standing.OpenFen == 0) problems.Add(new(Field.Amount, "NothingOpen"));
        else if (amount > standing.OpenFen) problems.Add(new(Field.Amount, "AmountAboveOpen", standing.OpenFen));
        return problems;
    }

    /// <summary>
    /// A red-letter fapiao reversing <paramref name="original"/>: only when a refund left the order over-invoiced, dated
    /// no earlier than the original, for at most what of the original is not yet reversed.
    /// </summary>
    public static IReadOnlyList<Problem> CheckRedLetter(IssueDraft draft, Standing standing, IssuedFapiao original, long alreadyReversedFen, DateOnly today)
    {
        var problems = new List<Problem>();
        if (original.IsRedLetter)
        {
            problems.Add(new(Field.Reverses, "ReversesRedLetter"));
            return problems;
        }
        if (!standing.NeedsRedLetter)
        {
            problems.Add(new(Field.Reverses, "NoRedLetterNeeded"));
            return problems;
        }
        CheckNumberAndDate(draft, original.IssuedOn, today, problems);
        var left = original.AmountFen - alreadyReversedFen;
        if (draft.AmountFen is not { } amount) problems.Add(new(Field.Amount, "AmountRequired"));
        else if (amount <= 0) problems.Add(new(Field.Amount, "AmountNotPositive"));
        else if (amount > left) problems.Add(new(Field.Amount, "AmountAboveOriginal", left));
        return problems;
    }
}
