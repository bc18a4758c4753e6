namespace Storefront.Web;

/// <summary>
/// Names the one resource file of the interface: Resources/SharedResource.resx (Simplified Chinese, the default)
/// and Resources/SharedResource.en.resx (English).
/// </summary>
public sealed class SharedResource;
