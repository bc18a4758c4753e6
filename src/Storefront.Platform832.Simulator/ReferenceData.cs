namespace Storefront.Platform832.Simulator;

/// <summary>
/// The platform's categories and accepted counties (section 3), its own as a real platform's are: the category tree
/// shares no code with the shop's (which must map its categories to these), and the county list (ReferenceData/
/// counties.csv) covers counties of four provinces but not every county the shop designates (石门县 and 涟源市 are
/// missing), so listings from those wait in the shop.
/// </summary>
public static class ReferenceData
{
    public static readonly IReadOnlyList<Category> Categories =
    [
        new("1100", "粮油米面", null), new("110001", "大米", "1100"), new("110002", "食用油", "1100"), new("110003", "面粉面条", "1100"), new("110004", "杂粮杂豆", "1100"),
        new("1200", "新鲜果蔬", null), new("120001", "新鲜水果", "1200"), new("120002", "新鲜蔬菜", "1200"), new("120003", "食用菌", "1200"),
        new("1300", "肉禽蛋奶", null), new("130001", "猪牛羊肉类", "1300"), new("130002", "鸡鸭鹅禽", "1300"), new("130003", "鲜禽蛋", "1300"), new("130004", "乳制品", "1300"),
        new("1400", "地方特产", null), new("140001", "干货山珍", "1400"), new("140002", "蜂产品", "1400"), new("140003", "腊味熏制品", "1400"), new("140004", "酱菜腌制品", "1400"),
        new("1500", "茶叶冲饮", null), new("150001", "茶叶", "1500"), new("150002", "冲调饮品", "1500"),
        new("1600", "调味品", null), new("160001", "酱油醋", "1600"), new("160002", "辣椒制品", "1600"),
    ];

    /// <summary>The counties the platform accepts (embedded at build), plus any configured.</summary>
    public static IReadOnlyDictionary<string, County> Counties(IEnumerable<string> extra)
    {
        var counties = new Dictionary<string, County>(StringComparer.Ordinal);
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("Simulator.counties.csv")
            ?? throw new InvalidOperationException("The counties are not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header: code,name,province
        while (reader.ReadLine() is { } line)
        {
            var cells = line.Split(',');
            if (cells.Length >= 3) counties[cells[0]] = new County(cells[0], cells[1], cells[2]);
        }
        foreach (var code in extra) counties.TryAdd(code, new County(code, code, ""));
        return counties;
    }
}
