using Storefront.Core.Data;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;

namespace Storefront.Platform832;

/// <summary>
/// Follows one of the platform's "changed since" feeds (audits, orders) from a stored updatedSince and cursor. Each
/// page is applied and its position saved in one unit of work, so a crash re-reads at most one page, which the
/// handlers treat as a replay. When a query is read to its end the next one starts at the last item's time
/// (inclusive: items at that instant come again and are replays).
/// </summary>
public sealed class FeedFollower(StorefrontDbContext db, TimeProvider clock)
{
    public sealed record Outcome(int Items, int Pages, string? Error);

    public async Task<Outcome> FollowAsync<T>(
        string jobName,
        DateTimeOffset followFrom,
        Func<DateTimeOffset, string?, CancellationToken, Task<Platform832Result<Page<T>>>> fetch,
        Func<T, DateTimeOffset> timeOf,
        Func<IReadOnlyList<T>, CancellationToken, Task> apply,
        int maxPages,
        CancellationToken ct)
    {
        var state = await Platform832JobStates.GetAsync(db, jobName, ct);
        int items = 0, pages = 0;
        string? error = null;
        while (pages < maxPages)
        {
            var since = state.UpdatedSinceUtc is { } stored ? new DateTimeOffset(stored, TimeSpan.Zero) : followFrom;
            var page = await fetch(since, state.Cursor, ct);
            if (!page.IsSuccess)
            {
                error = page.Describe();
                break;
            }
            pages++;
            var list = page.Value.Items;
            if (list.Count > 0)
            {
                await apply(list, ct);
                items += list.Count;
                var last = list.Max(timeOf).UtcDateTime;
                state.LastItemAtUtc = state.LastItemAtUtc is { } seen && seen > last ? seen : last;
            }
            if (string.IsNullOrEmpty(page.Value.NextCursor))
            {
                state.Cursor = null;
                if (state.LastItemAtUtc is { } latest && (state.UpdatedSinceUtc is null || latest > state.UpdatedSinceUtc)) state.UpdatedSinceUtc = latest;
            }
            else
            {
                state.Cursor = page.Value.NextCursor.Length <= Platform832JobState.CursorMaxLength ? page.Value.NextCursor : null;
            }
            await db.SaveChangesAsync(ct);
            if (state.Cursor is null) break;
        }
        Platform832JobStates.Note(state, items, error, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return new Outcome(items, pages, error);
    }
}
