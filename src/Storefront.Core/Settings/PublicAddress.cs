namespace Storefront.Core.Settings;

/// <summary>
/// The shop's own address as people and Stripe reach it (Storefront:PublicUrl): every link that leaves the shop (mail,
/// Stripe's return URLs, photos sent to the 832 platform) is built on it, never on the Host of a request, which a caller
/// chooses, and which a background job does not have.
/// </summary>
public sealed class PublicAddress
{
    public PublicAddress(Uri root)
    {
        if (!root.IsAbsoluteUri || root.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(root.Query) || !string.IsNullOrEmpty(root.Fragment))
            throw new ArgumentException($"The shop's public address must be an absolute http(s) URL without query or fragment, not '{root}'.", nameof(root));
        Root = root.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Host = root.Host;
    }

    /// <summary>Scheme, host, port and path base, without a trailing slash: <c>https://shop.example.cn</c>.</summary>
    public string Root { get; }

    public string Host { get; }

    /// <summary>The absolute URL of one of the shop's paths ("/orders/12").</summary>
    public string Absolute(string path) => Root + (path.StartsWith('/') ? path : "/" + path);
}
