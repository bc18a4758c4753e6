using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Storefront.Web.Localization;

/// <summary>
/// The resource files' strings, each looked up once per language: a page of a hundred order rows asks for the same few
/// strings hundreds of times, and each ask of the resource manager walks its resource sets under a lock (issue 13's
/// profiles: under two concurrent requests that lock was a fifth of /quota). What is found, or not found, is what
/// ASP.NET Core's localizer answers; formatting with arguments is
/// done per call in the request's culture, as it does.
/// </summary>
public sealed class KeptStrings(IStringLocalizerFactory factory) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<IStringLocalizer, IStringLocalizer> _localizers = new();

    public IStringLocalizer Create(Type resourceSource) => Kept(factory.Create(resourceSource));

    public IStringLocalizer Create(string baseName, string location) => Kept(factory.Create(baseName, location));

    // The factory hands out one localizer per resource, so one kept localizer (and its strings) stands for each.
    private IStringLocalizer Kept(IStringLocalizer localizer) => _localizers.GetOrAdd(localizer, l => new Localizer(l));

    private sealed class Localizer(IStringLocalizer localizer) : IStringLocalizer
    {
        private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();

        // Only texts found are kept, so a name that is not in the files (one made from input) cannot grow the cache.
        public LocalizedString this[string name]
        {
            get
            {
                var key = (CultureInfo.CurrentUICulture.Name, name);
                if (_strings.TryGetValue(key, out var text)) return text;
                text = localizer[name];
                if (!text.ResourceNotFound) _strings.TryAdd(key, text);
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

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => localizer.GetAllStrings(includeParentCultures);
    }
}
