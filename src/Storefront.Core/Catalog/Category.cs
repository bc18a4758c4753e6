namespace Storefront.Core.Catalog;

/// <summary>
/// A produce category of the shop (e.g. 0503 茶叶). The 832 platform codes its own tree its own way: admins map each
/// category to one of the platform's (Platform832.Platform832CategoryMapping) before its listings are sent there.
/// </summary>
public class Category
{
    public int Id { get; private set; }
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    /// <summary>The code of the group above it (01 粮油 ...); null for a group.</summary>
    public string? ParentCode { get; init; }
    /// <summary>A short latin name used in URLs: /catalog?category=tea.</summary>
    public required string Slug { get; init; }
    public int SortOrder { get; set; }

    public string DisplayName(bool english) => english ? NameEn : Name;
}
