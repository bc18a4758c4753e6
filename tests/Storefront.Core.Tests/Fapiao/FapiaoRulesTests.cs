using Storefront.Core.Fapiao;
using Storefront.Core.Ordering;
using static Storefront.Core.Fapiao.FapiaoRules;

namespace Storefront.Core.Tests.Fapiao;

public class FapiaoRulesTests
{
    // A public institution's code (事业单位, 12…) as the demo school has, and a company's (91…).
    private const string InstitutionCode = "12100000400000624D";
    private const string CompanyCode = "91350100M000100Y43";

    private static IReadOnlyList<string> Codes(IEnumerable<Problem> problems) => problems.Select(p => $"{p.Field}:{p.Code}").ToList();

    [Theory]
    [InlineData(OrderStatus.Paid, true)]
    [InlineData(OrderStatus.Shipped, true)]
    [InlineData(OrderStatus.Received, true)]
    [InlineData(OrderStatus.Completed, true)]
    [InlineData(OrderStatus.PendingApproval, false)]
    [InlineData(OrderStatus.Approved, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Refunded, false)]
    public void AFapiaoIsRequestedOncePaidAndNotWhenWhollyRefunded(OrderStatus status, bool may) =>
        Assert.Equal(may, MayRequest(status));

    [Fact]
    public void AnOrdinaryFapiaoMayGoWithoutATaxIdButASpecialOneMayNot()
    {
        var (cleaned, problems) = CheckRequest(new(FapiaoKind.Ordinary, " 长沙市岳麓区实验中学 ", "", "caiwu@school.cn"));
        Assert.Empty(problems);
        Assert.Equal("长沙市岳麓区实验中学", cleaned.Title);
        Assert.Null(cleaned.TaxId);
        Assert.Equal(["TaxId:TaxIdRequiredForSpecial"], Codes(CheckRequest(new(FapiaoKind.Special, "实验中学", "  ", "caiwu@school.cn")).Problems));
        Assert.Empty(CheckRequest(new(FapiaoKind.Special, "某公司", CompanyCode, "caiwu@school.cn")).Problems);
    }

    [Fact]
    public void TheTaxIdIsCheckedAsAUnifiedCreditCodeAfterNormalisingWhatWasTyped()
    {
        var (cleaned, problems) = CheckRequest(new(FapiaoKind.Special, "实验中学", " 12100000400000624d ", "caiwu@school.cn"));
        Assert.Empty(problems);
        Assert.Equal(InstitutionCode, cleaned.TaxId);
        Assert.Equal(["TaxId:TaxId.WrongCheckCharacter"], Codes(CheckRequest(new(FapiaoKind.Special, "实验中学", "12100000400000624E", "a@b.cn")).Problems));
        Assert.Equal(["TaxId:TaxId.WrongLength"], Codes(CheckRequest(new(FapiaoKind.Ordinary, "实验中学", "1210000040000062", "a@b.cn")).Problems));
        Assert.Equal(["TaxId:TaxId.InvalidCharacter"], Codes(CheckRequest(new(FapiaoKind.Ordinary, "实验中学", "12100000400000624Z", "a@b.cn")).Problems));
    }

    [Fact]
    public void TheTitleAndTheEmailAreRequiredAndChecked()
    {
        Assert.Equal(["Title:TitleRequired", "Email:EmailRequired"], Codes(CheckRequest(new(FapiaoKind.Ordinary, " ", null, "")).Problems));
        Assert.Equal(["Title:TitleTooLong"], Codes(CheckRequest(new(FapiaoKind.Ordinary, new string('校', 101), null, "a@b.cn")).Problems));
        Assert.Equal(["Email:EmailInvalid"], Codes(CheckRequest(new(FapiaoKind.Ordinary, "实验中学", null, "caiwu@school")).Problems));
        Assert.Equal(["Email:EmailInvalid"], Codes(CheckRequest(new(FapiaoKind.Ordinary, "实验中学", null, "财务 <caiwu@school.cn>")).Problems));
        Assert.Equal(["Kind:KindUnknown"], Codes(CheckRequest(new((FapiaoKind)9, "实验中学", null, "a@b.cn")).Problems));
    }

    private static readonly DateOnly Placed = new(2026, 11, 2);
    private static readonly DateOnly Today = new(2026, 12, 5);

    [Fact]
    public void AFapiaoIsForAtMostWhatIsPaidNetOfRefundsAndNotYetInvoiced()
    {
        var standing = new Standing(PaidFen: 104_000, RefundedFen: 4_000, IssuedFen: 60_000);
        Assert.Equal(40_000, standing.OpenFen);
        Assert.Empty(CheckIssue(new("04402100 1234", Today, 40_000), standing, Placed, Today));
        var tooMuch = CheckIssue(new("04402100", Today, 40_001), standing, Placed, Today);
        Assert.Equal(["Amount:AmountAboveOpen"], Codes(tooMuch));
        Assert.Equal(40_000, tooMuch[0].Fen);
        Assert.Equal(["Amount:NothingOpen"], Codes(CheckIssue(new("04402100", Today, 1), new(104_000, 0, 104_000), Placed, Today)));
        Assert.Equal(["Amount:AmountNotPositive"], Codes(CheckIssue(new("04402100", Today, 0), standing, Placed, Today)));
    }

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("26442000000123456789", true)]
    [InlineData("１２３４５６７８", true)]
    [InlineData("1234567", false)]
    [InlineData("264420000001234567890", false)]
    [InlineData("1234567A", false)]
    public void AFapiaoNumberHasEightToTwentyDigits(string number, bool valid) =>
        Assert.Equal(valid ? [] : new[] { "Number:NumberInvalid" }, Codes(CheckIssue(new(number, Today, 100), new(104_000, 0, 0), Placed, Today)));

    [Fact]
    public void AFapiaoIsDatedFromTheDayTheOrderWasPlacedToToday()
    {
        var standing = new Standing(104_000, 0, 0);
        Assert.Empty(CheckIssue(new("12345678", Placed, 100), standing, Placed, Today));
        Assert.Equal(["IssuedOn:DateTooEarly"], Codes(CheckIssue(new("12345678", Placed.AddDays(-1), 100), standing, Placed, Today)));
        Assert.Equal(["IssuedOn:DateInFuture"], Codes(CheckIssue(new("12345678", Today.AddDays(1), 100), standing, Placed, Today)));
        Assert.Equal(["Number:NumberRequired", "IssuedOn:DateRequired", "Amount:AmountRequired"], Codes(CheckIssue(new(" ", null, null), standing, Placed, Today)));
    }

    private static IssuedFapiao Blue(long amountFen) => new()
    {
        Number = "12345678", IssuedOn = new(2026, 11, 20), AmountFen = amountFen, StoredName = "x.pdf", ContentType = "application/pdf", FileName = "x.pdf",
    };

    [Fact]
    public void ARedLetterFapiaoIsRecordedOnlyWhenARefundLeftTheOrderOverInvoiced()
    {
        var original = Blue(104_000);
        Assert.Equal(["Reverses:NoRedLetterNeeded"], Codes(CheckRedLetter(new("87654321", Today, 4_000), new(104_000, 0, 104_000), original, 0, Today)));
        var refunded = new Standing(104_000, 4_000, 104_000);
        Assert.True(refunded.NeedsRedLetter);
        Assert.Equal(0, refunded.OpenFen);
        // The refund's amount, or the whole original (to issue a new one for what was paid).
        Assert.Empty(CheckRedLetter(new("87654321", Today, 4_000), refunded, original, 0, Today));
        Assert.Empty(CheckRedLetter(new("87654321", Today, 104_000), refunded, original, 0, Today));
        var beyond = CheckRedLetter(new("87654321", Today, 100_001), refunded, original, 4_000, Today);
        Assert.Equal(["Amount:AmountAboveOriginal"], Codes(beyond));
        Assert.Equal(100_000, beyond[0].Fen);
        Assert.Equal(["IssuedOn:DateTooEarly"], Codes(CheckRedLetter(new("87654321", new(2026, 11, 19), 4_000), refunded, original, 0, Today)));
    }

    [Fact]
    public void ARedLetterFapiaoIsNotReversedInTurn()
    {
        var red = new IssuedFapiao
        {
            Number = "87654321", IssuedOn = Today, AmountFen = -4_000, ReversesId = 1, StoredName = "y.pdf", ContentType = "application/pdf", FileName = "y.pdf",
        };
        Assert.Equal(["Reverses:ReversesRedLetter"], Codes(CheckRedLetter(new("87654322", Today, 1_000), new(104_000, 8_000, 100_000), red, 0, Today)));
    }
}
