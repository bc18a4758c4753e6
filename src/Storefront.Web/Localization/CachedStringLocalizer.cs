using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Storefront.Web.Localization;

/// <summary>
/// The shop's texts, kept per language once looked up. The resource files do not change while the shop runs, yet
/// every lookup of the resource manager takes its lock (once per culture it falls back through), and under concurrent
/// requests that lock was the largest single cost of a signed-in page (issue 13's profile of /quota). Only texts found
/// are kept, so a name that is not in the files cannot grow the cache; formatting is as the resource manager's own.
/// </summary>
public sealed class CachedStringLocalizer<T>(IStringLocalizerFactory factory) : IStringLocalizer<T>
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(T));
    private readonly ConcurrentDictionary<(string Language, string Name), LocalizedString> _found = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_found.TryGetValue(key, out var text)) return text;
            text = _resources[name];
            if (!text.ResourceNotFound) _found.TryAdd(key, text);
            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _resources.GetAllStrings(includeParentCultures);
}
