namespace Storefront.Web.Setup;

/// <summary>
/// The web root is the repository's top-level wwwroot-assets/ folder, served as it is: no build step for the front end.
/// It is found beside the published binaries, or by walking up from the binaries to the repository.
/// </summary>
public static class WebRoot
{
    public const string FolderName = "wwwroot-assets";

    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("STOREFRONT_WEBROOT");
        if (!string.IsNullOrEmpty(configured)) return Path.GetFullPath(configured);

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, FolderName);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"The web root '{FolderName}' was not found above {AppContext.BaseDirectory}; set STOREFRONT_WEBROOT to its path.");
    }
}
