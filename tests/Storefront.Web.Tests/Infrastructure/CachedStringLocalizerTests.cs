using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Storefront.Web.Localization;

namespace Storefront.Web.Tests.Infrastructure;

public class CachedStringLocalizerTests(StorefrontFactory factory) : IClassFixture<StorefrontFactory>
{
    [Fact]
    public void TheKeptTextsAnswerAsTheResourceFilesDoInEitherLanguageAndOrder()
    {
        var kept = factory.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        Assert.IsType<CachedStringLocalizer<SharedResource>>(kept);
        var files = factory.Services.GetRequiredService<IStringLocalizerFactory>().Create(typeof(SharedResource));
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            // Chinese, English, Chinese again: a text kept for one language is never given for the other.
            foreach (var language in new[] { "zh-CN", "en", "zh-CN", "en" })
            {
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(language);
                Assert.Equal(files["Quota.Title"].Value, kept["Quota.Title"].Value);
                Assert.Equal(files["Quota.MonthShort", 3].Value, kept["Quota.MonthShort", 3].Value);
                Assert.Equal(files["Quota.Entries.Caption", 1234].Value, kept["Quota.Entries.Caption", 1234].Value);
                // A name not in the files is answered as the resource manager does (its own name), and not kept.
                Assert.True(kept["No.Such.Text.{0}", 7].ResourceNotFound);
                Assert.Equal("No.Such.Text.7", kept["No.Such.Text.{0}", 7].Value);
            }
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("en");
            Assert.Equal("M3", kept["Quota.MonthShort", 3].Value);
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo("zh-CN");
            Assert.Equal("3月", kept["Quota.MonthShort", 3].Value);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }
}
