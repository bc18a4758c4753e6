using System.Globalization;

namespace Storefront.Web.Localization;

public static class Cultures
{
    public const string Default = "zh-CN";
    public const string English = "en";
    public const string CookieName = "sf.culture";
    public static readonly string[] Supported = [Default, English];

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
