namespace Storefront.Core.Settings;

/// <summary>
/// The platform's collection account (收款账户), where buyers pay by bank transfer: the account holder (户名), the bank
/// and branch (开户行) and the account number (账号). Buyers write the purchase number as the transfer's reference (附言),
/// which is how an admin matches the statement to the purchase.
/// </summary>
public sealed record CollectionAccount(string Holder, string Bank, string Number)
{
    public const int HolderMaxLength = 100;
    public const int BankMaxLength = 100;
    public const int NumberMinDigits = 8;
    public const int NumberMaxDigits = 32;

    public enum Problem { None, HolderRequired, HolderTooLong, BankRequired, BankTooLong, NumberRequired, NumberInvalid }

    /// <summary>The account number as people write it, in groups of four digits (spaces only for reading).</summary>
    public string NumberGrouped => string.Join(' ', Number.Chunk(4).Select(c => new string(c)));

    /// <summary>Checks and normalises what an admin typed: trimmed names, the number's digits without spaces or dashes.</summary>
    public static (CollectionAccount? Account, Problem Holder, Problem Bank, Problem Number) Parse(string? holder, string? bank, string? number)
    {
        holder = holder?.Trim() ?? "";
        bank = bank?.Trim() ?? "";
        var digits = new string((number ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        var holderProblem = holder.Length == 0 ? Problem.HolderRequired : holder.Length > HolderMaxLength ? Problem.HolderTooLong : Problem.None;
        var bankProblem = bank.Length == 0 ? Problem.BankRequired : bank.Length > BankMaxLength ? Problem.BankTooLong : Problem.None;
        var numberProblem = digits.Length == 0 ? Problem.NumberRequired
            : digits.Any(c => c is < '0' or > '9') || digits.Length is < NumberMinDigits or > NumberMaxDigits ? Problem.NumberInvalid
            : Problem.None;
        var ok = holderProblem == Problem.None && bankProblem == Problem.None && numberProblem == Problem.None;
        return (ok ? new CollectionAccount(holder, bank, digits) : null, holderProblem, bankProblem, numberProblem);
    }
}
