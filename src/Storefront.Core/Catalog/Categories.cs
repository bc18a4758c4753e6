namespace Storefront.Core.Catalog;

/// <summary>The shop's produce categories and their codes (mapped to the 832 platform's own on /admin/sync/categories).</summary>
public static class Categories
{
    public static IReadOnlyList<Category> All() =>
    [
        new() { Code = "01", Name = "粮油", NameEn = "Grain & oils", Slug = "grain-oils", SortOrder = 10 },
        new() { Code = "0101", Name = "大米", NameEn = "Rice", Slug = "rice", ParentCode = "01", SortOrder = 11 },
        new() { Code = "0102", Name = "食用油", NameEn = "Cooking oils", Slug = "oils", ParentCode = "01", SortOrder = 12 },
        new() { Code = "02", Name = "果蔬", NameEn = "Fruit & vegetables", Slug = "fruit-vegetables", SortOrder = 20 },
        new() { Code = "0201", Name = "水果", NameEn = "Fruit", Slug = "fruit", ParentCode = "02", SortOrder = 21 },
        new() { Code = "0202", Name = "蔬菜", NameEn = "Vegetables", Slug = "vegetables", ParentCode = "02", SortOrder = 22 },
        new() { Code = "03", Name = "肉禽蛋", NameEn = "Meat, poultry & eggs", Slug = "meat-eggs", SortOrder = 30 },
        new() { Code = "0301", Name = "肉类", NameEn = "Meat", Slug = "meat", ParentCode = "03", SortOrder = 31 },
        new() { Code = "0302", Name = "禽蛋", NameEn = "Eggs", Slug = "eggs", ParentCode = "03", SortOrder = 32 },
        new() { Code = "04", Name = "土特产", NameEn = "Local specialties", Slug = "specialties", SortOrder = 40 },
        new() { Code = "0401", Name = "干货", NameEn = "Dried goods", Slug = "dried-goods", ParentCode = "04", SortOrder = 41 },
        new() { Code = "0402", Name = "蜂蜜", NameEn = "Honey", Slug = "honey", ParentCode = "04", SortOrder = 42 },
        new() { Code = "05", Name = "茶饮", NameEn = "Tea & drinks", Slug = "tea-drinks", SortOrder = 50 },
        new() { Code = "0503", Name = "茶叶", NameEn = "Tea", Slug = "tea", ParentCode = "05", SortOrder = 53 },
    ];
}
