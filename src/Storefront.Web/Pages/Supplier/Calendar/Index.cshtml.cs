using Storefront.Core.Demand;

namespace Storefront.Web.Pages.Supplier.Calendar;

/// <summary>
/// /supplier/calendar: the supplier's committed deliveries of its active agreements by ISO week and listing, for the
/// next weeks (?weeks=, 8 by default), against its stock and what it quoted (the rules: <see cref="DeliveryCalendar"/>).
/// Only the supplier's own agreements are read: the page takes no id.
/// </summary>
public class IndexModel(DeliveryCalendar calendar) : SupplierPageModel
{
    /// <summary>How many weeks to show, from this one; out of 1 to 26 it falls back to the default.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)] public int? Weeks { get; set; }

    public int WeeksShown { get; private set; }
    public IReadOnlyList<DeliveryCalendar.Week> Calendar { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        WeeksShown = Weeks is >= 1 and <= DeliveryCalendar.MaxWeeks ? Weeks.Value : DeliveryCalendar.DefaultWeeks;
        Calendar = await calendar.ForSupplierAsync(SupplierId, WeeksShown, ct);
    }
}
