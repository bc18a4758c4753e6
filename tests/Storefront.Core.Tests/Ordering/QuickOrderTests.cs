using Storefront.Core.Ordering;
using Storefront.Core.Tables;
using static Storefront.Core.Ordering.QuickOrder;

namespace Storefront.Core.Tests.Ordering;

public class QuickOrderTests
{
    /// <summary>A pasted line, and the listing and quantity read from it, or the reason it is refused.</summary>
    public static TheoryData<string, int?, int?, Refusal?> OddLines() => new()
    {
        { "L42, 200", 42, 200, null },
        { "L42,200", 42, 200, null },
        { "L42\t200", 42, 200, null },
        { "L42 200", 42, 200, null },
        { "L42    200", 42, 200, null },
        { "L42，200", 42, 200, null },                 // full-width comma
        { "L42 ， 200", 42, 200, null },
        { "L42；200", 42, 200, null },                 // full-width semicolon
        { "L42、200", 42, 200, null },                 // enumeration comma
        { "l42,200", 42, 200, null },
        { "42,200", 42, 200, null },
        { "Ｌ４２，２００", 42, 200, null },              // full-width letters and digits
        { "L42\u3000200", 42, 200, null },             // ideographic space
        { "  L42 , 200  ", 42, 200, null },
        { "\uFEFFL42,200", 42, 200, null },            // byte-order mark from a file
        { "L42,,200", 42, 200, null },
        { "L42, 200.0", 42, 200, null },              // a spreadsheet's whole number
        { "L42, 007", 42, 7, null },
        { "L42", null, null, Refusal.MissingQuantity },
        { "L42,", null, null, Refusal.MissingQuantity },
        { "L42, 1.5", null, null, Refusal.QuantityNotAWholeNumber },
        { "L42, 200kg", null, null, Refusal.QuantityNotAWholeNumber },
        { "L42, 二百", null, null, Refusal.QuantityNotAWholeNumber },
        { "L42, 0", null, null, Refusal.QuantityNotPositive },
        { "L42, -5", null, null, Refusal.QuantityNotPositive },
        { "L42, 99999999999", null, null, Refusal.QuantityTooLarge },
        { "L42, 1000001", null, null, Refusal.QuantityTooLarge },
        { "L42, 200, 袋", null, null, Refusal.TooManyFields },
        { "L42 洞口香米 200", null, null, Refusal.TooManyFields },
        { "洞口香米", null, null, Refusal.NotAListingCode },     // a word alone: neither a code nor a name with a quantity
        { "洞口香米, 1.5", null, null, Refusal.QuantityNotAWholeNumber },
    };

    /// <summary>A line naming its listing instead of coding it: the name read (half-width, and as typed) and the quantity.</summary>
    public static TheoryData<string, string, string, int> NamedLines() => new()
    {
        { "洞口香米, 200", "洞口香米", "洞口香米", 200 },
        { "溆浦有机香米 10kg, 20", "溆浦有机香米 10kg", "溆浦有机香米 10kg", 20 },   // a name holds spaces: the quantity is the last field
        { "永顺莓茶 250g\t20", "永顺莓茶 250g", "永顺莓茶 250g", 20 },
        { "永顺莓茶  250g，２０", "永顺莓茶 250g", "永顺莓茶 250g", 20 },
        { "永顺莓茶（特级） 5", "永顺莓茶(特级)", "永顺莓茶（特级）", 5 },          // full-width brackets kept as typed too
        { "LX, 200", "LX", "LX", 200 },                                          // not a code, so perhaps a name
        { "L0, 200", "L0", "L0", 200 },
    };

    [Theory]
    [MemberData(nameof(NamedLines))]
    public void ReadsANameAndItsQuantityForTheNameToBeMatched(string line, string name, string typed, int quantity)
    {
        var result = Parse("L1, 10\n" + line);
        Assert.Empty(result.Refused);
        var entry = result.Entries[1];
        Assert.Equal(((int?)null, name, typed, quantity, 2), (entry.ListingId, entry.Name, entry.TypedName, entry.Quantity, entry.Line));
    }

    [Theory]
    [MemberData(nameof(OddLines))]
    public void ReadsEachOddLineOrSaysWhyNot(string line, int? listingId, int? quantity, Refusal? refusal)
    {
        // A first line of data, after a line that is plainly not a header, so header detection plays no part.
        var result = Parse("L1, 10\n" + line);
        if (refusal is null)
        {
            Assert.Empty(result.Refused);
            var entry = result.Entries[1];
            Assert.Equal((listingId!.Value, quantity!.Value, 2, $"L{listingId}"), (entry.ListingId, entry.Quantity, entry.Line, entry.Code));
        }
        else
        {
            Assert.Single(result.Entries);
            var refused = Assert.Single(result.Refused);
            Assert.Equal((2, refusal.Value), (refused.Line, refused.Reason));
            Assert.Equal(line.Trim().Trim('\uFEFF'), refused.Text);
        }
    }

    [Fact]
    public void SkipsBlankLinesAndAHeaderButKeepsLineNumbers()
    {
        var result = Parse("商品编码，数量\r\n\r\nL4, 100\r\n   \r\nL7\t50\n");
        Assert.Equal([(3, 4, 100), (5, 7, 50)], result.Entries.Select(e => (e.Line, e.ListingId, e.Quantity)));
        Assert.Empty(result.Refused);
    }

    [Fact]
    public void AWordAloneOnTheFirstLineIsRefusedNotTakenForAHeader()
    {
        var result = Parse("大米\nL4, 100");
        Assert.Equal(Refusal.NotAListingCode, Assert.Single(result.Refused).Reason);
        Assert.Single(result.Entries);
    }

    [Fact]
    public void NothingAtAllGivesNothing()
    {
        Assert.Empty(Parse(null).Entries);
        Assert.Empty(Parse(" \n\t\n").Refused);
    }

    [Fact]
    public void StopsAfterTheMostLinesAQuickOrderTakes()
    {
        var text = string.Join('\n', Enumerable.Range(1, MaxLines + 5).Select(i => $"L{i}, 10"));
        var result = Parse(text);
        Assert.Equal(MaxLines, result.Entries.Count);
        Assert.Equal(Refusal.TooManyLines, Assert.Single(result.Refused).Reason);
    }

    [Fact]
    public void ATableIsReadByItsHeadedColumnsOrElseItsFirstTwo()
    {
        var headed = new TableData(["商品名称", "数量", "商品编码"], [new(2, ["洞口香米", "200", "L4"]), new(3, ["", "50", ""]), new(4, ["莓茶", "", "L19"])]);
        var result = FromTable(headed);
        Assert.Equal((2, 4, 200), (result.Entries.Single().Line, result.Entries.Single().ListingId, result.Entries.Single().Quantity));
        // A quantity without a code is never read as a code.
        Assert.Equal([(3, Refusal.NotAListingCode), (4, Refusal.MissingQuantity)], result.Refused.Select(r => (r.Line, r.Reason)));

        var plain = FromTable(new TableData(["code", "qty"], [new(2, ["L4", "200"]), new(3, ["Ｌ１９", "５０"])]));
        Assert.Equal([(4, 200), (19, 50)], plain.Entries.Select(e => (e.ListingId, e.Quantity)));

        var unnamed = FromTable(new TableData(["a", "b"], [new(2, ["L4", "200", "ignored"])]));
        Assert.Equal(200, unnamed.Entries.Single().Quantity);

        // Without a code column, the name column is read in its place.
        var byName = FromTable(new TableData(["数量", "商品名称"], [new(2, ["20", "永顺莓茶 250g"])]));
        Assert.Equal(("永顺莓茶 250g", (int?)null, 20), (byName.Entries.Single().Name, byName.Entries.Single().ListingId, byName.Entries.Single().Quantity));
    }
}
