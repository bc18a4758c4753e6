using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Caching.Memory;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Performance;

/// <summary>
/// Marks a page whose whole response is kept for signed-in people (<see cref="SharedPages"/>). With
/// <see cref="KeyedByStock"/> the page is a listing's (route value id), and its stock is part of the key. With
/// <see cref="OwnOrganisation"/> it is a page of the organisation the person acts for, kept for that person alone.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SharedWithSignedInAttribute : Attribute
{
    public bool KeyedByStock { get; init; }

    /// <summary>
    /// Kept per person and organisation by the organisation's stamp (<see cref="Core.Organisations.OrganisationVersion"/>),
    /// the catalog's stamp, the Shanghai day (a quota's pace moves with it) and all their seats (the page may offer
    /// their other organisations).
    /// </summary>
    public bool OwnOrganisation { get; init; }
}

/// <summary>
/// The catalog's pages as signed-in people get them, made once and shared by everyone who would see the same page:
/// the same URL, language and catalog stamp (and a listing's stock), and the same shape of header and forms, which
/// follows from their seats (an admin, a supplier's member, an organisation's buyer or approver). What is a person's
/// own is written into the made page as marks (<see cref="PersonalParts"/>) and filled per request: their name, their
/// unread and waiting counts, and their antiforgery token, put where the page that was made had its maker's. So a
/// buyer's catalog page costs one statement (their seats with the stamp), not the making of the page, and no one is
/// ever served another's name, counts or token. The stamp is read from the database on every request, so a change
/// to the catalog is seen at once on every instance, as with the anonymous output cache (<see cref="CatalogOutputCache"/>).
/// The pages of a person's own organisation (their cart, its orders, its quota) are kept the same way, for that person
/// alone, by their organisation's stamp, which the database's triggers move with every change those pages show
/// (<see cref="Core.Organisations.OrganisationChanges"/>), including their cart's lines and the stock a line lacks.
/// </summary>
public sealed partial class SharedPages(IAntiforgery antiforgery) : IDisposable
{
    private const string TokenMark = "\u0001t\u0001";
    private const int TokenHole = -1;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });

    private readonly record struct Key(string Path, string Query, string Culture, long Stamp, int? Stock, string Persona);

    /// <summary>A made page cut at its holes: <see cref="Pieces"/> has one more entry than <see cref="Holes"/>.</summary>
    private sealed record Page(byte[][] Pieces, int[] Holes);

    /// <summary>Whether this request may be served a shared page: a signed-in GET of a marked page, with no status message kept for it.</summary>
    public static SharedWithSignedInAttribute? SharedFor(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.User.Identity?.IsAuthenticated == true
        && !context.Request.Cookies.ContainsKey(Setup.SecuritySetup.TempDataCookieName)
            ? context.GetEndpoint()?.Metadata.GetMetadata<SharedWithSignedInAttribute>()
            : null;

    public async Task ServeAsync(HttpContext context, SharedWithSignedInAttribute shared, RequestDelegate next)
    {
        var ct = context.RequestAborted;
        var services = context.RequestServices;
        var actor = services.GetRequiredService<CurrentActor>();
        int? listing = null;
        if (shared.KeyedByStock)
        {
            if (!int.TryParse(context.Request.RouteValues["id"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                await next(context);
                return;
            }
            listing = id;
        }
        // One statement: who they are (their header's shape and counts) and the stamps by which the page is kept.
        var (seats, stamp, stock, own) = await actor.GetSeatsWithStampsAsync(listing, shared.OwnOrganisation, ct);
        var organisation = await actor.CurrentOrganisationAsync(ct);
        var persona = Persona(actor.IsAdmin, seats, organisation);
        if (shared.OwnOrganisation)
        {
            // Nobody to keep it for: the page's own filter answers (a choice of organisation, or 403).
            if (organisation is null)
            {
                await next(context);
                return;
            }
            persona = Own(persona, actor.UserId!, seats, organisation.OrganisationId, own, services.GetRequiredService<TimeProvider>());
        }
        var key = new Key(context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", CultureInfo.CurrentUICulture.Name,
            stamp, stock, persona);
        var parts = services.GetRequiredService<PersonalParts>();

        if (!_pages.TryGetValue(key, out Page? page) || page is null)
        {
            page = await MakeAsync(context, key, parts, next);
            if (page is null) return;
        }
        else
        {
            context.Response.ContentType = "text/html; charset=utf-8";
        }
        var token = antiforgery.GetAndStoreTokens(context).RequestToken ?? "";
        var waiting = organisation?.AwaitingApproval ?? 0;
        var body = context.Response.BodyWriter;
        for (var i = 0; i < page.Pieces.Length; i++)
        {
            if (i > 0)
            {
                var hole = page.Holes[i - 1];
                Encoding.UTF8.GetBytes(hole == TokenHole ? token : parts.Fill((PersonalParts.Part)hole, actor.Name, seats.UnreadNotifications, waiting), body);
            }
            body.Write(page.Pieces[i]);
        }
        await body.FlushAsync(ct);
    }

    /// <summary>
    /// Makes the page for this request with its person's parts marked, and keeps it when it is a page to share. A
    /// response that is not (a redirect, an error, a page with a token it could not mark) is given back for this
    /// request only, its parts still to fill; one that is not HTML is sent as it was, and null returned.
    /// </summary>
    private async Task<Page?> MakeAsync(HttpContext context, Key key, PersonalParts parts, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        parts.Marking = true;
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            parts.Marking = false;
        }
        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }
        var html = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var token = antiforgery.GetAndStoreTokens(context).RequestToken;
        var marked = string.IsNullOrEmpty(token) ? html : html.Replace(token, TokenMark, StringComparison.Ordinal);
        // Every form's token must have become the mark: a token made otherwise would be served to everyone.
        var shareable = context.Response.StatusCode == StatusCodes.Status200OK
            && CatalogFragments.Occurrences(marked, CatalogFragments.TokenField) == CatalogFragments.Occurrences(marked, TokenMark);
        var page = Cut(shareable ? marked : html);
        if (shareable)
        {
            _pages.Set(key, page, new MemoryCacheEntryOptions
            {
                Size = marked.Length + key.Query.Length,
                // A new stamp makes an entry unreachable at once; the sliding time frees it soon after.
                SlidingExpiration = CatalogOutputCache.Lifetime,
            });
        }
        return page;
    }

    private static Page Cut(string marked)
    {
        var pieces = new List<byte[]>();
        var holes = new List<int>();
        var at = 0;
        foreach (Match mark in MarkPattern().Matches(marked))
        {
            pieces.Add(Encoding.UTF8.GetBytes(marked[at..mark.Index]));
            holes.Add(mark.Groups[1].Value == "t" ? TokenHole : int.Parse(mark.Groups[1].Value, CultureInfo.InvariantCulture));
            at = mark.Index + mark.Length;
        }
        pieces.Add(Encoding.UTF8.GetBytes(marked[at..]));
        return new Page([.. pieces], [.. holes]);
    }

    /// <summary>What shapes a page's header and forms: admin or not, supplier seats or not, and the organisation's roles.</summary>
    private static string Persona(bool admin, CurrentActor.Seats seats, CurrentActor.OrganisationSeat? organisation) =>
        string.Create(CultureInfo.InvariantCulture, $"{(admin ? 'a' : '-')}{(seats.Suppliers.Count > 0 ? 's' : '-')}{(seats.Organisations.Count > 0 ? 'o' : '-')}{(int)(organisation?.Roles ?? OrganisationRoles.None)}");

    /// <summary>
    /// Whose an organisation's page is and what it shows: the person, all their seats with names and roles, their
    /// organisation's stamp and the Shanghai day. Written out whole rather than hashed, so that two different pages can
    /// never share a key.
    /// </summary>
    private static string Own(string persona, string userId, CurrentActor.Seats seats, int organisationId, IReadOnlyDictionary<int, long> stamps, TimeProvider clock)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder(persona)
            .Append(inv, $"|{userId}|{organisationId}|{stamps.GetValueOrDefault(organisationId)}|{ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime).DayNumber}");
        foreach (var seat in seats.Organisations) text.Append(inv, $"|o{seat.OrganisationId}:{(int)seat.Roles}:{seat.OrganisationName}");
        return text.ToString();
    }

    [GeneratedRegex("\u0001(t|[0-9]+)\u0001")]
    private static partial Regex MarkPattern();

    public void Dispose() => _pages.Dispose();
}

public static class SharedPagesPipeline
{
    /// <summary>Serves signed-in people the catalog's shared pages; after authorisation, before the pages.</summary>
    public static IApplicationBuilder UseSharedPages(this IApplicationBuilder app) => app.Use((context, next) =>
        SharedPages.SharedFor(context) is { } shared
            ? context.RequestServices.GetRequiredService<SharedPages>().ServeAsync(context, shared, next)
            : next(context));
}
