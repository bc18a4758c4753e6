using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;
using Storefront.Web.Localization;

namespace Storefront.Web.Performance;

/// <summary>
/// What the layout shows of the person themselves: their name and the counts beside the header's links. A page made
/// to be shared (<see cref="SharedPages"/>) is written with a mark for each, and the marks are filled per request;
/// any other page gets the values at once. The markup of each part is written here only, for both ways.
/// </summary>
public sealed class PersonalParts(IStringLocalizer<SharedResource> t, HtmlEncoder encoder)
{
    public enum Part { Name, UnreadNotifications, ApprovalsWaiting }

    /// <summary>Set while a page is made to be shared: the parts are written as marks.</summary>
    public bool Marking { get; set; }

    public IHtmlContent Name(string name) => Marking ? Mark(Part.Name) : new HtmlString(encoder.Encode(name));

    public IHtmlContent UnreadBadge(int unread) => Marking ? Mark(Part.UnreadNotifications) : new HtmlString(Badge("unread-count", unread, "Notifications.Unread"));

    public IHtmlContent WaitingBadge(int waiting) => Marking ? Mark(Part.ApprovalsWaiting) : new HtmlString(Badge("approvals-count", waiting, "Approvals.Waiting"));

    /// <summary>The part's markup for this person, as it replaces its mark.</summary>
    public string Fill(Part part, string name, int unread, int waiting) => part switch
    {
        Part.Name => encoder.Encode(name),
        Part.UnreadNotifications => Badge("unread-count", unread, "Notifications.Unread"),
        Part.ApprovalsWaiting => Badge("approvals-count", waiting, "Approvals.Waiting"),
        _ => throw new ArgumentOutOfRangeException(nameof(part)),
    };

    private string Badge(string id, int count, string label) => count <= 0 ? ""
        : $"<span class=\"badge\" id=\"{id}\"> {count.ToString(CultureInfo.CurrentCulture)}<span class=\"visually-hidden\"> {encoder.Encode(t[label])}</span></span>";

    /// <summary>The mark of a part: control characters that never occur in a page we make, nor in a token.</summary>
    public static string MarkOf(Part part) => $"\u0001{(int)part}\u0001";

    private static HtmlString Mark(Part part) => new(MarkOf(part));
}
