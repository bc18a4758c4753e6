using Storefront.Core.Settings;
using Problem = Storefront.Core.Settings.CollectionAccount.Problem;

namespace Storefront.Core.Tests.Settings;

public class CollectionAccountTests
{
    [Fact]
    public void AnAccountIsTrimmedAndItsNumberKeptAsDigitsShownInGroupsOfFour()
    {
        var parsed = CollectionAccount.Parse(" 湖南消费帮扶服务有限公司 ", "中国工商银行长沙岳麓支行", "1901 0012 0920-0123 456");
        Assert.Equal(new CollectionAccount("湖南消费帮扶服务有限公司", "中国工商银行长沙岳麓支行", "1901001209200123456"), parsed.Account);
        Assert.Equal("1901 0012 0920 0123 456", parsed.Account!.NumberGrouped);
    }

    [Theory]
    [InlineData("", "银行", "12345678", Problem.HolderRequired, Problem.None, Problem.None)]
    [InlineData("户名", " ", "12345678", Problem.None, Problem.BankRequired, Problem.None)]
    [InlineData("户名", "银行", "", Problem.None, Problem.None, Problem.NumberRequired)]
    [InlineData("户名", "银行", "1234567", Problem.None, Problem.None, Problem.NumberInvalid)]
    [InlineData("户名", "银行", "12345678901234567890123456789012X", Problem.None, Problem.None, Problem.NumberInvalid)]
    [InlineData("户名", "银行", "6222０２１２３４５６", Problem.None, Problem.None, Problem.NumberInvalid)]
    public void EachPartIsRequiredAndTheNumberIsEightToThirtyTwoDigits(string holder, string bank, string number, Problem h, Problem b, Problem n)
    {
        var parsed = CollectionAccount.Parse(holder, bank, number);
        Assert.Null(parsed.Account);
        Assert.Equal((h, b, n), (parsed.Holder, parsed.Bank, parsed.Number));
    }
}
