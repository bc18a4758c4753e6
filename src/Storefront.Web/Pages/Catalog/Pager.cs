namespace Storefront.Web.Pages.Catalog;

public static class Pager
{
    /// <summary>The page numbers to show around the current one: first, last, two either side, null for a gap.</summary>
    public static IEnumerable<int?> Window(int current, int count)
    {
        int? previous = null;
        for (var p = 1; p <= count; p++)
        {
            if (p != 1 && p != count && Math.Abs(p - current) > 2) continue;
            if (previous is { } last && p - last > 1) yield return null;
            yield return p;
            previous = p;
        }
    }
}
