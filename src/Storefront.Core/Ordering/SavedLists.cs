using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;

namespace Storefront.Core.Ordering;

/// <summary>
/// An organisation's saved lists ("每周食堂订单"): made from a cart, shared by its buyers, and turned back into a cart
/// in one step, each line checked as if it were added by hand; renamed and edited line by line. Every query is scoped
/// to the organisation.
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

    public enum EditOutcome { Saved, NotFound, Refused, Conflict }

    /// <summary>A line of the list as edited: its new quantity, or removed.</summary>
    public sealed record LineEdit(long LineId, int Quantity, bool Remove);

    /// <summary>What became of an edit: the problem of each line refused (with its listing's minimum order and unit), or whether the list went empty.</summary>
    public sealed record EditResult(EditOutcome Outcome, IReadOnlyDictionary<long, LineProblem> Problems, IReadOnlyDictionary<long, (int MinOrder, string Unit)> Listings, bool NoLinesLeft = false)
    {
        public static EditResult Of(EditOutcome outcome) => new(outcome, new Dictionary<long, LineProblem>(), new Dictionary<long, (int, string)>());
    }

    /// <summary>
    /// Renames a list and sets its lines' quantities, removing those asked to, as one change: refused whole when a
    /// quantity is not positive, below its listing's minimum order or above the largest quantity, when no line would
    /// be left, or when the list was changed by someone else since <paramref name="seenRevision"/> (the revision is a
    /// concurrency token, so two edits saved at the same moment cannot both pass). Lines not named keep their quantity.
    /// </summary>
    public async Task<EditResult> EditAsync(long listId, int organisationId, int seenRevision, string name, IReadOnlyList<LineEdit> edits, CancellationToken ct = default)
    {
        var list = await Of(organisationId).Include(l => l.Lines).FirstOrDefaultAsync(l => l.Id == listId, ct);
        if (list is null) return EditResult.Of(EditOutcome.NotFound);
        if (list.Revision != seenRevision) return EditResult.Of(EditOutcome.Conflict);

        var listingIds = list.Lines.Select(l => l.ListingId).Distinct().ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id))
            .Select(l => new { l.Id, l.MinOrderQuantity, l.Unit }).ToDictionaryAsync(l => l.Id, ct);
        var problems = new Dictionary<long, LineProblem>();
        var byLine = edits.GroupBy(e => e.LineId).ToDictionary(g => g.Key, g => g.Last());
        foreach (var line in list.Lines)
        {
            if (!byLine.TryGetValue(line.Id, out var edit) || edit.Remove) continue;
            var minimum = listings.TryGetValue(line.ListingId, out var l) ? l.MinOrderQuantity : 1;
            var problem = edit.Quantity < 1 ? LineProblem.QuantityNotPositive
                : edit.Quantity > LinePricing.MaxQuantity ? LineProblem.QuantityTooLarge
                : edit.Quantity < minimum ? LineProblem.BelowMinimumOrder
                : LineProblem.None;
            if (problem != LineProblem.None) problems[line.Id] = problem;
        }
        var facts = list.Lines.ToDictionary(x => x.Id, x => listings.TryGetValue(x.ListingId, out var l) ? (l.MinOrderQuantity, l.Unit) : (1, ""));
        var left = list.Lines.Count(x => !(byLine.TryGetValue(x.Id, out var e) && e.Remove));
        if (problems.Count > 0 || left == 0) return new EditResult(EditOutcome.Refused, problems, facts, NoLinesLeft: left == 0);

        list.Name = name.Trim();
        foreach (var line in list.Lines.ToList())
        {
            if (!byLine.TryGetValue(line.Id, out var edit)) continue;
            if (edit.Remove) list.Lines.Remove(line);
            else line.Quantity = edit.Quantity;
        }
        list.Revision++;
        list.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another edit was saved between reading the list and writing it.
            db.ChangeTracker.Clear();
            return EditResult.Of(EditOutcome.Conflict);
        }
        return new EditResult(EditOutcome.Saved, problems, facts);
    }

    public async Task<bool> DeleteAsync(long listId, int organisationId, CancellationToken ct = default) =>
        await Of(organisationId).Where(l => l.Id == listId).ExecuteDeleteAsync(ct) > 0;
}
