using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Regions;

namespace Storefront.Web.Pages.Supplier;

/// <summary>The designated counties to choose from, grouped by province and prefecture, for a select list.</summary>
public sealed record CountyOption(string Code, string Name, string Group)
{
    public static async Task<IReadOnlyList<CountyOption>> LoadAsync(StorefrontDbContext db, CancellationToken ct) =>
        await db.DesignatedCounties.AsNoTracking().Current()
            .OrderBy(c => c.CountyCode)
            .Select(c => new CountyOption(c.CountyCode, c.County.Name, c.County.ProvinceName + " " + (c.County.PrefectureName ?? "")))
            .ToListAsync(ct);
}

public sealed record CountySelectView(IReadOnlyList<CountyOption> Options, string? Selected);
