namespace Storefront.Platform832.Sync;

/// <summary>
/// The absolute URLs of a listing's photos that the platform requires: the shop's public base URL joined to the path
/// the web app serves each photo at (the web app knows its routes; the adapter does not).
/// </summary>
public sealed class ListingImageUrls(string publicBaseUrl, Func<string, int, int, string> photoPath)
{
    private readonly Uri _base = new(publicBaseUrl.EndsWith('/') ? publicBaseUrl : publicBaseUrl + "/", UriKind.Absolute);

    public string For(string contentHash, int width, int height) => new Uri(_base, photoPath(contentHash, width, height).TrimStart('/')).AbsoluteUri;
}
