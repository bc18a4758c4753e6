using Storefront.Core.Money;

namespace Storefront.Core.Tests.Money;

public class FenTests
{
    [Theory]
    [InlineData(0, "¥0.00")]
    [InlineData(6800, "¥68.00")]
    [InlineData(123456789, "¥1,234,567.89")]
    [InlineData(-500, "-¥5.00")]
    public void FormatsFenAsYuan(long fen, string expected) => Assert.Equal(expected, Fen.Format(fen));

    [Theory]
    [InlineData("12", 1200L)]
    [InlineData("12.5", 1250L)]
    [InlineData("¥1,200.00", 120000L)]
    [InlineData("￥3", 300L)]
    [InlineData("0.005", 1L)]
    [InlineData("0.004", 0L)]
    [InlineData("-0.005", -1L)]
    public void ParsesYuanRoundingHalfAwayFromZero(string text, long expected) => Assert.Equal(expected, Fen.ParseYuan(text));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1e5")]
    [InlineData("999999999999999999")]
    public void RefusesWhatIsNotAnAmount(string text) => Assert.Null(Fen.ParseYuan(text));
}
