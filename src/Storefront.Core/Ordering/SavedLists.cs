using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>
/// An organisation's saved lists ("每周食堂订单"): made from a cart, shared by its buyers, and turned back into a cart
/// in one step, each line checked as if it were added by hand. Every query is scoped to the organisation.
/// </summary>
public sealed class SavedLists(StorefrontDbContext db, Cart cart, TimeProvider clock)
{
    public IQueryable<SavedList> Of(int organisationId) => db.SavedLists.Where(l => l.OrganisationId == organisationId);

    /// <summary>Saves the person's cart under a name; null when the cart is empty.</summary>
    public async Task<SavedList?> SaveCartAsync(string userId, int organisationId, string name, CancellationToken ct = default)
    {
        var lines = await cart.Lines(userId, organisationId).AsNoTracking().OrderBy(l => l.Id).Take(SavedList.MaxLines).ToListAsync(ct);
        if (lines.Count == 0) return null;
        var list = new SavedList
        {
            OrganisationId = organisationId,
            Name = name.Trim(),
            CreatedByUserId = userId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        list.Lines.AddRange(lines.Select(l => new SavedListLine { ListingId = l.ListingId, Quantity = l.Quantity }));
        db.SavedLists.Add(list);
        await db.SaveChangesAsync(ct);
        return list;
    }

    /// <summary>Adds the list's lines to the person's cart; null when the list is not the organisation's.</summary>
    public async Task<IReadOnlyList<Cart.Outcome>?> ToCartAsync(long listId, string userId, int organisationId, CancellationToken ct = default)
    {
        var lines = await Of(organisationId).Where(l => l.Id == listId)
            .Select(l => l.Lines.OrderBy(x => x.Id).Select(x => new { x.ListingId, x.Quantity }).ToList())
            .FirstOrDefaultAsync(ct);
        if (lines is null) return null;
        return await cart.AddAsync(userId, organisationId, lines.Select((l, i) => new Cart.Addition(l.ListingId, l.Quantity, i + 1)).ToList(), ct);
    }

    public async Task<bool> DeleteAsync(long listId, int organisationId, CancellationToken ct = default) =>
        await Of(organisationId).Where(l => l.Id == listId).ExecuteDeleteAsync(ct) > 0;
}
