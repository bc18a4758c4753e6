using System.Globalization;
using Microsoft.Extensions.Localization;
using Storefront.Core.Notifications;
using Storefront.Core.Settings;
using Storefront.Web.Localization;

namespace Storefront.Web.Pages.Notifications;

/// <summary>
/// The mail of a notification, in Chinese (the shop's language) with the English text below it, whatever language
/// the person whose action caused it has chosen. Links are absolute, on the shop's configured public address: never
/// on the request's Host, which the caller chooses.
/// </summary>
public sealed class NotificationTexts(IStringLocalizer<SharedResource> t, PublicAddress address) : INotificationTexts
{
    public NotificationMail Compose(NotificationKind kind, string subject, string link)
    {
        var url = address.Absolute(link);
        string Text() => t[$"Notification.{kind}", subject].Value;
        string Body() => Text() + "\n" + t["Notification.ActHere", url].Value;
        var (chineseSubject, chineseBody) = In(Cultures.Default, () => (Text(), Body()));
        return new NotificationMail(chineseSubject, chineseBody + "\n\n" + In(Cultures.English, Body));
    }

    private static T In<T>(string culture, Func<T> work)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try { return work(); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}
