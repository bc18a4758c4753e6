using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Regions;

namespace Storefront.Core.ReferenceData;

/// <summary>
/// Loads the reference data every deployment needs: all GB/T 2260 divisions and the produce categories.
/// Missing rows are added; existing rows are left alone, so admins' edits survive a restart.
/// </summary>
public static class ReferenceDataLoader
{
    public static async Task EnsureAsync(StorefrontDbContext db, CancellationToken ct = default)
    {
        var divisions = ReadDivisions();
        var existing = (await db.Divisions.Select(d => d.Code).ToListAsync(ct)).ToHashSet();
        if (existing.Count < divisions.Count)
        {
            db.Divisions.AddRange(divisions.Where(d => !existing.Contains(d.Code)));
        }

        var categoryCodes = (await db.Categories.Select(c => c.Code).ToListAsync(ct)).ToHashSet();
        db.Categories.AddRange(Categories.All().Where(c => !categoryCodes.Contains(c.Code)));
        await db.SaveChangesAsync(ct);
    }

    public static IReadOnlyList<AdministrativeDivision> ReadDivisions()
    {
        var rows = ReadCsv("gb2260-2024.csv");
        var result = new List<AdministrativeDivision>(rows.Count);
        // Columns: code,name,level,province,prefecture (names). Codes of the province and prefecture follow from the code.
        foreach (var r in rows)
        {
            var code = r[0];
            var level = r[2] switch
            {
                "province" => DivisionLevel.Province,
                "prefecture" => DivisionLevel.Prefecture,
                "county" => DivisionLevel.County,
                _ => throw new InvalidDataException($"Unknown division level '{r[2]}' for {code}."),
            };
            // A county's prefecture is the division of its first four digits; direct-administered counties have none.
            var prefectureName = level == DivisionLevel.County && r[4].Length > 0 ? r[4] : null;
            result.Add(new AdministrativeDivision
            {
                Code = code,
                Name = r[1],
                Level = level,
                ProvinceCode = AdministrativeDivision.ProvinceCodeOf(code),
                ProvinceName = r[3],
                PrefectureCode = prefectureName is null ? null : code[..4] + "00",
                PrefectureName = prefectureName,
            });
        }
        return result;
    }

    /// <summary>The Hunan designated counties shipped for the demo (39 of 40); production imports the official list.</summary>
    public static IReadOnlyList<string> ReadDemoDesignatedCounties() =>
        ReadCsv("designated-counties-hunan.csv").Select(r => r[0]).ToList();

    private static List<string[]> ReadCsv(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Storefront.Core.ReferenceData.{name}")
            ?? throw new InvalidOperationException($"The reference data file {name} is not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine(); // header
        var rows = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) rows.Add(line.Split(','));
        }
        return rows;
    }
}
