using Storefront.Core.Photos;

namespace Storefront.Web.Photos;

public static class PhotoEndpoints
{
    public const string BasePath = "/media/photos";

    public static string Url(string contentHash, int longSide, PhotoFormat format) =>
        $"{BasePath}/{PhotoVariants.Name(contentHash, longSide, format)}";

    /// <summary>Photos by content-addressed name: they never change, so browsers and proxies keep them for a year.</summary>
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(BasePath + "/{name}", async (string name, IPhotoStore store, HttpContext context, CancellationToken ct) =>
        {
            if (!PhotoVariants.IsValidName(name)) return Results.NotFound();
            var stream = await store.OpenReadAsync(name, ct);
            if (stream is null) return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            var contentType = name.EndsWith(".webp", StringComparison.Ordinal) ? "image/webp" : "image/jpeg";
            return Results.Stream(stream, contentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{name}\""));
        });
}
