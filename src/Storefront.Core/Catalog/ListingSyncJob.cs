namespace Storefront.Core.Catalog;

/// <summary>
/// The outbox of listing changes that an external catalog (the 832 platform) must see: one row per change, written
/// in the same transaction as the change (DESIGN.md rule 7). The sync worker takes the pending rows of a listing
/// together and sends the listing's latest revision once, then marks them done.
/// </summary>
public class ListingSyncJob
{
    public long Id { get; private set; }
    public int ListingId { get; init; }
    public Listing Listing { get; internal set; } = null!;
    public DateTime CreatedAtUtc { get; init; }
    public DateTime? DoneAtUtc { get; set; }

    /// <summary>The job for a change made without the change tracker (ExecuteUpdate): add it to the same transaction.</summary>
    public static ListingSyncJob For(int listingId, DateTime nowUtc) => new() { ListingId = listingId, CreatedAtUtc = nowUtc };

    internal static ListingSyncJob For(Listing listing, DateTime nowUtc) => new() { Listing = listing, CreatedAtUtc = nowUtc };
}
