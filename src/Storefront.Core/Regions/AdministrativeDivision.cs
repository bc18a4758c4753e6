namespace Storefront.Core.Regions;

public enum DivisionLevel { Province = 1, Prefecture = 2, County = 3 }

/// <summary>A GB/T 2260 administrative division: six digits, with the names of the province and prefecture above it.</summary>
public class AdministrativeDivision
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public DivisionLevel Level { get; set; }
    public required string ProvinceCode { get; init; }
    public required string ProvinceName { get; set; }
    /// <summary>Empty for provinces, and for counties administered directly by their province.</summary>
    public string? PrefectureCode { get; init; }
    public string? PrefectureName { get; set; }

    /// <summary>"湖南省 湘西土家族苗族自治州 永顺县", the way addresses are written.</summary>
    public string FullName => Level switch
    {
        DivisionLevel.Province => Name,
        DivisionLevel.Prefecture => $"{ProvinceName} {Name}",
        _ => string.IsNullOrEmpty(PrefectureName) ? $"{ProvinceName} {Name}" : $"{ProvinceName} {PrefectureName} {Name}",
    };

    public static bool IsWellFormedCode(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>The province code of any division code: its first two digits followed by zeros.</summary>
    public static string ProvinceCodeOf(string code) => code[..2] + "0000";
}

/// <summary>
/// A period in which a county is on the national list of designated (formerly poverty-stricken) counties; only produce
/// from these is sold. Admins maintain the list (import and edit): it is data, not code. A county taken off the list
/// keeps its row, its period ended, because what counted towards a quota while it was designated still did
/// (refunds, reconciliation and 832 imports read the list as of their own dates); added again, it gets a new period.
/// </summary>
public class DesignatedCounty
{
    public long Id { get; private set; }
    public required string CountyCode { get; init; }
    public AdministrativeDivision County { get; init; } = null!;
    /// <summary>Designated from this moment (inclusive).</summary>
    public DateTime AddedAtUtc { get; init; }
    /// <summary>Designated until this moment (exclusive); null while it is on the list.</summary>
    public DateTime? RemovedAtUtc { get; private set; }
    /// <summary>Where the entry came from: the demo list shipped with the shop, or an admin's import.</summary>
    public required string Source { get; set; }

    public bool IsCurrent => RemovedAtUtc is null;

    public void Remove(DateTime atUtc) => RemovedAtUtc ??= atUtc;
}

/// <summary>The one reading of "is this county designated", now or as of a date.</summary>
public static class DesignatedCountyPeriods
{
    public static IQueryable<DesignatedCounty> Current(this IQueryable<DesignatedCounty> counties) =>
        counties.Where(c => c.RemovedAtUtc == null);

    public static IQueryable<DesignatedCounty> DesignatedAt(this IQueryable<DesignatedCounty> counties, DateTime atUtc) =>
        counties.Where(c => c.AddedAtUtc <= atUtc && (c.RemovedAtUtc == null || c.RemovedAtUtc > atUtc));
}
