using System.Security.Cryptography;
using System.Text;

namespace Storefront.Platform832.Client;

/// <summary>The request signature of API.md section 1, shared by the client and the simulator.</summary>
public static class Platform832Signature
{
    public const string AppKeyHeader = "X-App-Key";
    public const string TimestampHeader = "X-Timestamp";
    public const string NonceHeader = "X-Nonce";
    public const string SignatureHeader = "X-Signature";

    /// <summary>METHOD, PATH_AND_QUERY, TIMESTAMP, NONCE and BODY_SHA256 joined by \n, with no trailing newline.</summary>
    public static string StringToSign(string method, string pathAndQuery, string timestamp, string nonce, ReadOnlySpan<byte> body) =>
        string.Join('\n', method.ToUpperInvariant(), pathAndQuery, timestamp, nonce, Sha256Hex(body));

    public static string Sign(string appSecret, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(stringToSign)));

    public static string Sha256Hex(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Compares in constant time, so a forger learns nothing from how long a refusal took.</summary>
    public static bool Matches(string expectedHex, string? givenHex) =>
        givenHex is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expectedHex), Encoding.ASCII.GetBytes(givenHex));

    /// <summary>16 to 64 characters of [A-Za-z0-9-]: a GUID's 32 hex digits.</summary>
    public static string NewNonce() => Guid.NewGuid().ToString("N");

    public static bool IsValidNonce(string? nonce) =>
        nonce is { Length: >= 16 and <= 64 } && nonce.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
