using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Organisations;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("12100000400000624D")]
    // Codes as companies print them on their fapiaos: registrations in Beijing, Shenzhen and Hangzhou (91…).
    [InlineData("91110000802100433B")]
    [InlineData("914403001922038216")]
    [InlineData("91330100716105852F")]
    [InlineData("91440300708461136T")]
    [InlineData("91110108551385082Q")]
    public void AcceptsCodesWhoseCheckCharacterIsRight(string code) =>
        Assert.Equal(UnifiedSocialCreditCode.Problem.None, UnifiedSocialCreditCode.Check(code));

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("12100000400000624E")]
    // The sample buyer of the 832 interface document: its last character should be 1, not X.
    [InlineData("11430000006151219X")]
    // Two neighbouring characters swapped, and one character mistyped: the weighted sum catches both.
    [InlineData("91110000801200433B")]
    [InlineData("914403001922039216")]
    public void RefusesACodeWithTheWrongCheckCharacter(string code) =>
        Assert.Equal(UnifiedSocialCreditCode.Problem.WrongCheckCharacter, UnifiedSocialCreditCode.Check(code));

    [Theory]
    [InlineData("", UnifiedSocialCreditCode.Problem.Empty)]
    [InlineData(null, UnifiedSocialCreditCode.Problem.Empty)]
    [InlineData("91350100M000100Y4", UnifiedSocialCreditCode.Problem.WrongLength)]
    [InlineData("91350100M000100Y433", UnifiedSocialCreditCode.Problem.WrongLength)]
    [InlineData("91350100I000100Y43", UnifiedSocialCreditCode.Problem.InvalidCharacter)]
    [InlineData("91350100O000100Y43", UnifiedSocialCreditCode.Problem.InvalidCharacter)]
    [InlineData("91350100m000100Y43", UnifiedSocialCreditCode.Problem.InvalidCharacter)]
    public void SaysWhatIsWrongWithAMalformedCode(string? code, UnifiedSocialCreditCode.Problem expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.Check(code));

    [Theory]
    [InlineData(" 91350100m000100y43 ", "91350100M000100Y43")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43")]
    [InlineData("9135 0100 M000 100Y 43", "91350100M000100Y43")]
    public void NormalizesWhatAPersonTypes(string typed, string expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.Normalize(typed));

    [Theory]
    // GB 32100-2015: weights 3^(i-1) mod 31, check = 31 − (Σ mod 31), 31 written as 0; values 0-9, then A=10 … Y=30 without I O Z S V.
    [InlineData("91110000802100433", 'B')]
    [InlineData("91440300708461136", 'T')]
    [InlineData("91440300192203821", '6')]
    public void TheCheckCharacterIsTheWeightedSumOfTheStandard(string first17, char expected) =>
        Assert.Equal(expected, UnifiedSocialCreditCode.CheckCharacter(first17));

    [Fact]
    public void CompletesSeventeenCharactersWithAValidCode()
    {
        var code = UnifiedSocialCreditCode.Complete("93433127MA0000001");
        Assert.Equal(18, code.Length);
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
    }
}
