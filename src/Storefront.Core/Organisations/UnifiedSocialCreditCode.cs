namespace Storefront.Core.Organisations;

/// <summary>
/// The 18-character unified social credit code (统一社会信用代码) of GB 32100-2015.
/// </summary>
public static class UnifiedSocialCreditCode
{
    // The 31 characters of the code's alphabet: digits and capitals without I, O, Z, S, V.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public const int Length = 18;

    public enum Problem { None, Empty, WrongLength, InvalidCharacter, WrongCheckCharacter }

    /// <summary>Upper-cases and trims what a person typed; full-width letters and digits become half-width.</summary>
    public static string Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "";
        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var n = 0;
        foreach (var raw in input)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c == '\u3000') continue;
            if (n == buffer.Length) return input.Trim().ToUpperInvariant();
            buffer[n++] = char.ToUpperInvariant(c);
        }
        return new string(buffer[..n]);
    }

    public static Problem Check(string? code)
    {
        if (string.IsNullOrEmpty(code)) return Problem.Empty;
        if (code.Length != Length) return Problem.WrongLength;
        foreach (var c in code)
        {
            if (Alphabet.IndexOf(c) < 0) return Problem.InvalidCharacter;
        }
        return code[17] == CheckCharacter(code.AsSpan(0, 17)) ? Problem.None : Problem.WrongCheckCharacter;
    }

    public static bool IsValid(string? code) => Check(code) == Problem.None;

    /// <summary>The 18th character for the first 17: 31 − (Σ value × weight mod 31), where 31 becomes 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not in the code's alphabet.", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>Completes 17 characters with their check character (for demo data and tests).</summary>
    public static string Complete(string first17) => first17 + CheckCharacter(first17);
}
