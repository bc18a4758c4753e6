namespace Storefront.Web.Setup;

/// <summary>Where the shop keeps its files: the SQLite database, photos and, in development, outgoing mail.</summary>
public sealed class StorefrontPaths(string dataPath)
{
    public string DataPath { get; } = dataPath;
    public string PhotosPath => Path.Combine(DataPath, "photos");

    public static StorefrontPaths From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["Storefront:DataPath"];
        var path = string.IsNullOrWhiteSpace(configured) ? "App_Data" : configured;
        var full = Path.GetFullPath(Path.Combine(environment.ContentRootPath, path));
        Directory.CreateDirectory(full);
        return new StorefrontPaths(full);
    }
}
