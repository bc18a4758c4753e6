using System.Text;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.Tests.Client;

public class SignatureTests
{
    // A known vector worked out by hand from API.md section 1, independently of this code: the string to sign was
    // written out line by line and the digests computed with Python's hashlib and hmac:
    //   hashlib.sha256(b'{"revision":7}').hexdigest()
    //   hmac.new(b"demo-secret", string_to_sign.encode(), hashlib.sha256).hexdigest()
    private const string Secret = "demo-secret";
    private const string Timestamp = "1767225600000"; // 2026-01-01T00:00:00Z in milliseconds
    private const string BodySha256 = "828fcfa39b8bc9c97cff33efbcb4be0d53d672d2bba89f625fd374c04cc397e7";
    private const string ExpectedPutSignature = "48993bbfe62f15bb849513f87b45f46b51708252f9ec2b595ee381d290ab2ab5";

    [Fact]
    public void TheStringToSignIsFiveLinesWithTheBodyDigestAndNoTrailingNewline()
    {
        var text = Platform832Signature.StringToSign("put", "/open/v1/suppliers/S430000123/products/L42", Timestamp,
            "0123456789abcdef0123456789abcdef", Encoding.UTF8.GetBytes("{\"revision\":7}"));
        Assert.Equal($"PUT\n/open/v1/suppliers/S430000123/products/L42\n{Timestamp}\n0123456789abcdef0123456789abcdef\n{BodySha256}", text);
    }

    [Fact]
    public void APutIsSignedAsTheHandWorkedVectorSays()
    {
        var text = Platform832Signature.StringToSign("PUT", "/open/v1/suppliers/S430000123/products/L42", Timestamp,
            "0123456789abcdef0123456789abcdef", Encoding.UTF8.GetBytes("{\"revision\":7}"));
        Assert.Equal(ExpectedPutSignature, Platform832Signature.Sign(Secret, text));
    }

    [Fact]
    public void AGetWithAnEncodedQueryIsSignedOverThePathAndQueryAsSentAndTheDigestOfNothing()
    {
        // API.md's own example of a path and query; the body digest is SHA-256 of the empty string.
        var text = Platform832Signature.StringToSign("GET", "/open/v1/orders?updatedSince=2026-01-01T00%3A00%3A00%2B08%3A00&limit=100",
            Timestamp, "nonce-0000000000000001", []);
        Assert.EndsWith("\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", text);
        Assert.Equal("386b2092b766910f4f457e11bb0f4bccadf455b8aa97a1ae598f99598b985e4e", Platform832Signature.Sign(Secret, text));
    }

    [Fact]
    public void NoncesAreFreshAndWithinTheAllowedAlphabet()
    {
        var a = Platform832Signature.NewNonce();
        Assert.True(Platform832Signature.IsValidNonce(a));
        Assert.NotEqual(a, Platform832Signature.NewNonce());
        Assert.False(Platform832Signature.IsValidNonce("short"));
        Assert.False(Platform832Signature.IsValidNonce("has spaces in it, sixteen+"));
    }

    [Fact]
    public void UpdatedSinceIsWrittenInRfc3339WithItsOffset()
    {
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal("2026-01-01T00:00:00.000+08:00", Platform832Client.FormatTime(time));
    }
}
