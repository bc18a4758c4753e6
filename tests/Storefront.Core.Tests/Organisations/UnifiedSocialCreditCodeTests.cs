using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Organisations;

public class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("12100000400000624D")]
    public void AcceptsCodesWhoseCheckCharacterIsRight(string code) =>
        Assert.Equal(UnifiedSocialCreditCode.Problem.None, UnifiedSocialCreditCode.Check(code));

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("12100000400000624E")]
    // The sample buyer of the 832 interface document: its last character should be 1, not X.
    [InlineData("11430000006151219X")]
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

    [Fact]
    public void CompletesSeventeenCharactersWithAValidCode()
    {
        var code = UnifiedSocialCreditCode.Complete("93433127MA0000001");
        Assert.Equal(18, code.Length);
        Assert.True(UnifiedSocialCreditCode.IsValid(code));
    }
}
