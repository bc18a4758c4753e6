namespace Storefront.Platform832.Simulator;

/// <summary>
/// The platform's categories and accepted counties (section 3). The categories are the platform's own list; the shop
/// codes its categories the same way (Core.Catalog.Categories), which is what lets listings sync without a mapping.
/// </summary>
public static class ReferenceData
{
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("01", "粮油", null), new("0101", "大米", "01"), new("0102", "食用油", "01"),
        new("02", "果蔬", null), new("0201", "水果", "02"), new("0202", "蔬菜", "02"),
        new("03", "肉禽蛋", null), new("0301", "肉类", "03"), new("0302", "禽蛋", "03"),
        new("04", "土特产", null), new("0401", "干货", "04"), new("0402", "蜂蜜", "04"),
        new("05", "茶饮", null), new("0503", "茶叶", "05"),
    ];

    /// <summary>The designated counties of Hunan (the shop's demo list, embedded at build), plus any configured.</summary>
    public static IReadOnlyDictionary<string, County> Counties(IEnumerable<string> extra)
    {
        var counties = new Dictionary<string, County>(StringComparer.Ordinal);
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Simulator.designated-counties.csv")
            ?? throw new InvalidOperationException("The designated counties are not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: code,name,province,prefecture
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 3) counties[cells[0]] = new County(cells[0], cells[1], cells[2]);
        }
        foreach (var code in extra) counties.TryAdd(code, new County(code, code, ""));
        return counties;
    }
}
