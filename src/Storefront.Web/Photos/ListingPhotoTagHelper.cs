using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Storefront.Core.Photos;

namespace Storefront.Web.Photos;

/// <summary>
/// &lt;listing-photo hash="..." width="800" height="800" alt="..." sizes="(max-width: 600px) 50vw, 240px"&gt; renders a
/// &lt;picture&gt; with WebP and JPEG srcsets of the stored sizes, lazily loaded unless marked eager.
/// </summary>
[HtmlTargetElement("listing-photo", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ListingPhotoTagHelper : TagHelper
{
    public string? Hash { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public string Alt { get; set; } = "";
    public string Sizes { get; set; } = "100vw";
    public bool Eager { get; set; }
    /// <summary>The size used as the plain src for browsers that ignore srcset.</summary>
    public int Fallback { get; set; } = 800;
    public string? Class { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (string.IsNullOrEmpty(Hash) || Width <= 0 || Height <= 0)
        {
            output.Content.SetHtmlContent($"<span class=\"photo-missing {Class}\" role=\"img\" aria-label=\"{HtmlEncoder.Default.Encode(Alt)}\"></span>");
            return;
        }
        var sides = PhotoVariants.LongSidesFor(Width, Height);
        var fallback = sides.Where(s => s <= Fallback).DefaultIfEmpty(sides[0]).Max();
        var scale = (double)Math.Max(Width, Height);
        string Set(PhotoFormat format) => string.Join(", ", sides.Select(s =>
            $"{PhotoEndpoints.Url(Hash, s, format)} {Math.Round(Width * s / scale).ToString(CultureInfo.InvariantCulture)}w"));

        var displayWidth = (int)Math.Round(Width * fallback / scale);
        var displayHeight = (int)Math.Round(Height * fallback / scale);
        var html = new StringBuilder(400);
        html.Append("<picture><source type=\"image/webp\" srcset=\"").Append(Set(PhotoFormat.WebP))
            .Append("\" sizes=\"").Append(HtmlEncoder.Default.Encode(Sizes)).Append("\">")
            .Append("<img src=\"").Append(PhotoEndpoints.Url(Hash, fallback, PhotoFormat.Jpeg))
            .Append("\" srcset=\"").Append(Set(PhotoFormat.Jpeg))
            .Append("\" sizes=\"").Append(HtmlEncoder.Default.Encode(Sizes))
            .Append("\" width=\"").Append(displayWidth.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(displayHeight.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(HtmlEncoder.Default.Encode(Alt)).Append('"');
        if (!string.IsNullOrEmpty(Class)) html.Append(" class=\"").Append(HtmlEncoder.Default.Encode(Class)).Append('"');
        html.Append(Eager ? " fetchpriority=\"high\"" : " loading=\"lazy\" decoding=\"async\"").Append("></picture>");
        output.Content.SetHtmlContent(html.ToString());
    }
}
