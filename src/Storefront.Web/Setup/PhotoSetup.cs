using Storefront.Core.Photos;
using Storefront.Web.Photos;

namespace Storefront.Web.Setup;

public static class PhotoSetup
{
    public static void AddStorefrontPhotos(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPhotoStore>(sp =>
        {
            var configured = builder.Configuration["Photos:Path"];
            var root = string.IsNullOrWhiteSpace(configured) ? sp.GetRequiredService<StorefrontPaths>().PhotosPath : configured;
            return new FileSystemPhotoStore(root);
        });
        builder.Services.AddSingleton<IPhotoProcessor, ImageSharpPhotoProcessor>();
    }
}
