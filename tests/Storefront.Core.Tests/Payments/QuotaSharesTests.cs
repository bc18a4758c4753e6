using Storefront.Core.Payments;
using static Storefront.Core.Payments.QuotaShares;

namespace Storefront.Core.Tests.Payments;

public class QuotaSharesTests
{
    private static readonly IReadOnlyList<CountyAmount> ThreeCounties =
    [
        new("430525", 33_333, true),
        new("433127", 33_333, true),
        new("430100", 33_334, false),
    ];

    [Fact]
    public void ASplitAddsUpToTheAmountExactlyInWholeFen()
    {
        foreach (var amount in new long[] { 1, 2, 3, 7, 99, 100, 12_345, 99_999, 100_000 })
            Assert.Equal(amount, Split(ThreeCounties, amount).Values.Sum());
    }

    [Fact]
    public void ASplitGoesToTheCountiesInProportionWithTheLeftoverFenToTheLargestRemainders()
    {
        var split = Split([new("430525", 30_000, true), new("433127", 10_000, true)], 1_001);
        Assert.Equal(751, split["430525"]);
        Assert.Equal(250, split["433127"]);
    }

    [Fact]
    public void RefundsThatAddUpToTheWholeOrderSubtractExactlyWhatEachCountedCountyAddedAndNothingFromTheOthers()
    {
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var total = ThreeCounties.Sum(c => c.AmountFen);
            var before = 0L;
            var subtracted = new Dictionary<string, long>();
            while (before < total)
            {
                var refund = Math.Min(total - before, random.Next(1, 40_000));
                foreach (var (county, amount) in OfRefund(ThreeCounties, before, refund))
                {
                    Assert.True(amount < 0);
                    subtracted[county] = subtracted.GetValueOrDefault(county) + amount;
                }
                before += refund;
            }
            Assert.Equal(-33_333, subtracted["430525"]);
            Assert.Equal(-33_333, subtracted["433127"]);
            Assert.False(subtracted.ContainsKey("430100"));
        }
    }

    [Fact]
    public void ARefundSourceKeyNamesTheRefundAndTheCounty() =>
        Assert.Equal("refund:42:county:433127", RefundSourceKey(42, "433127"));
}
