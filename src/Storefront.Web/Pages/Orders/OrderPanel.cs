namespace Storefront.Web.Pages.Orders;

/// <summary>
/// What the order partial shows: the order, whether this reader may confirm receipt of its shipments, and the page
/// whose handlers hand out its papers and photos (the buyer's or the supplier's; null where nobody may download them).
/// </summary>
public sealed record OrderPanel(OrderView Order, bool CanReceive, string? PapersPage = null);
