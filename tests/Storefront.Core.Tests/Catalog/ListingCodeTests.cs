using Storefront.Core.Catalog;

namespace Storefront.Core.Tests.Catalog;

public class ListingCodeTests
{
    [Theory]
    [InlineData("L42", 42)]
    [InlineData("l42", 42)]
    [InlineData(" 42 ", 42)]
    [InlineData("L000042", 42)]
    public void ReadsTheCodesBuyersType(string code, int id) => Assert.Equal(id, Listing.ParseCode(code));

    [Theory]
    [InlineData("")]
    [InlineData("L")]
    [InlineData("L-1")]
    [InlineData("L0")]
    [InlineData("X42")]
    [InlineData("L4 2")]
    [InlineData("L99999999999")]
    public void RefusesWhatIsNotAListingCode(string code) => Assert.Null(Listing.ParseCode(code));

    [Fact]
    public void WritesTheCodeThe832PlatformKnowsAsExternalId() => Assert.Equal("L42", Listing.CodeOf(42));
}
