namespace Storefront.Core.Photos;

/// <summary>
/// Where processed photos are kept, by name. The data folder by default; a blob store or a shared mount when the shop
/// runs on several instances. Names are content-addressed, so a stored file never changes.
/// </summary>
public interface IPhotoStore
{
    Task<bool> ExistsAsync(string name, CancellationToken ct = default);
    Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default);
    /// <summary>The stored file, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default);
}
