using Microsoft.AspNetCore.Mvc.RazorPages;
using Storefront.Core.Catalog;

namespace Storefront.Web.Pages.Admin.Zones;

/// <summary>/admin/zones: the home page's zones with the picture each shows, chosen by an admin or by default.</summary>
public class IndexModel(ZonePictures pictures) : PageModel
{
    public IReadOnlyList<ZonePictures.Zone> Zones { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Zones = await pictures.ZonesAsync(Localization.Cultures.IsEnglish, ct);
}
