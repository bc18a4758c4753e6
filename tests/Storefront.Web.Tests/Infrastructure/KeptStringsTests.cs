using System.Globalization;
using Microsoft.Extensions.Localization;
using Storefront.Web.Localization;

namespace Storefront.Web.Tests.Infrastructure;

/// <summary>The resource files' strings looked up once per language (issue 13), answering as the localizer does.</summary>
public class KeptStringsTests
{
    private sealed class CountingLocalizer : IStringLocalizer
    {
        public int Asked { get; private set; }

        public LocalizedString this[string name]
        {
            get
            {
                Asked++;
                var english = CultureInfo.CurrentUICulture.Name == "en";
                return name == "Cart.Total" ? new LocalizedString(name, english ? "Total {0}" : "合计 {0}") : new LocalizedString(name, name, resourceNotFound: true);
            }
        }

        public LocalizedString this[string name, params object[] arguments] => throw new NotSupportedException();
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private sealed class OneLocalizerFactory(IStringLocalizer localizer) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => localizer;
        public IStringLocalizer Create(string baseName, string location) => localizer;
    }

    [Fact]
    public void EachStringIsAskedOncePerLanguageAndFormattedPerCall()
    {
        var inner = new CountingLocalizer();
        var kept = new KeptStrings(new OneLocalizerFactory(inner));
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
            Assert.Equal("合计 1", kept.Create(typeof(SharedResource))["Cart.Total", 1].Value);
            Assert.Equal("合计 2", kept.Create(typeof(SharedResource))["Cart.Total", 2].Value);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Total 3", kept.Create(typeof(SharedResource))["Cart.Total", 3].Value);
            Assert.Equal("Total {0}", kept.Create(typeof(SharedResource))["Cart.Total"].Value);
            Assert.Equal(2, inner.Asked);

            // A name not in the files is answered as the localizer does (its own name), and not kept.
            var missing = kept.Create(typeof(SharedResource))["No.Such.Key.{0}", 7];
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Key.7", missing.Value);
            kept.Create(typeof(SharedResource))["No.Such.Key.{0}", 7].ToString();
            Assert.Equal(4, inner.Asked);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
