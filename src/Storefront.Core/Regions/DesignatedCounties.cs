using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Regions;

/// <summary>The rule that produce must come from a designated county, and the admin import of the official list.</summary>
public class DesignatedCounties(StorefrontDbContext db, TimeProvider clock)
{
    public enum Verdict { Designated, MalformedCode, UnknownCode, NotACounty, NotDesignated }

    public async Task<Verdict> CheckAsync(string? countyCode, CancellationToken ct = default)
    {
        if (!AdministrativeDivision.IsWellFormedCode(countyCode)) return Verdict.MalformedCode;
        var division = await db.Divisions.AsNoTracking()
            .Where(d => d.Code == countyCode)
            .Select(d => new { d.Level, Designated = db.DesignatedCounties.Any(c => c.RemovedAtUtc == null && c.CountyCode == d.Code) })
            .SingleOrDefaultAsync(ct);
        if (division is null) return Verdict.UnknownCode;
        if (division.Level != DivisionLevel.County) return Verdict.NotACounty;
        return division.Designated ? Verdict.Designated : Verdict.NotDesignated;
    }

    public record ImportRow(int Line, string Code, string? Problem);
    public record ImportResult(int Added, int AlreadyListed, IReadOnlyList<ImportRow> Refused);

    /// <summary>
    /// Adds the counties of a CSV list (first column a six-digit code; a header row is allowed).
    /// Every line is checked first; when any line is refused nothing is added, so a list is taken whole or not at all.
    /// The additions are tracked, not saved: the caller saves them together with its audit entry.
    /// </summary>
    public async Task<ImportResult> ImportAsync(TextReader csv, string source, CancellationToken ct = default)
    {
        var counties = await db.Divisions.AsNoTracking()
            .Where(d => d.Level == DivisionLevel.County)
            .Select(d => d.Code).ToListAsync(ct);
        var known = counties.ToHashSet();
        var listed = (await db.DesignatedCounties.Current().Select(c => c.CountyCode).ToListAsync(ct)).ToHashSet();

        var refused = new List<ImportRow>();
        var toAdd = new List<string>();
        var lineNumber = 0;
        var alreadyListed = 0;
        while (await csv.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            var first = line.Split(',', '，', '\t')[0].Trim().Trim('"', '\uFEFF');
            if (first.Length == 0) continue;
            if (lineNumber == 1 && !first.All(char.IsAsciiDigit)) continue; // header row
            if (!AdministrativeDivision.IsWellFormedCode(first)) refused.Add(new(lineNumber, first, "MalformedCode"));
            else if (!known.Contains(first)) refused.Add(new(lineNumber, first, "UnknownCounty"));
            else if (listed.Contains(first) || toAdd.Contains(first)) alreadyListed++;
            else toAdd.Add(first);
        }
        if (refused.Count > 0) return new(0, 0, refused);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var code in toAdd)
            db.DesignatedCounties.Add(new DesignatedCounty { CountyCode = code, AddedAtUtc = now, Source = source });
        return new(toAdd.Count, alreadyListed, refused);
    }
}
