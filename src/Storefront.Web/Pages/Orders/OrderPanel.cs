namespace Storefront.Web.Pages.Orders;

/// <summary>What the order partial shows: the order, and whether this reader may confirm receipt of its shipments.</summary>
public sealed record OrderPanel(OrderView Order, bool CanReceive);
