using Storefront.Core.Photos;

namespace Storefront.Web.Photos;

/// <summary>Photos as files in the data folder (or a folder shared by all instances), two levels of fan-out by hash.</summary>
public sealed class FileSystemPhotoStore(string root) : IPhotoStore
{
    private readonly FileFolder _folder = new(root);

    private static string Checked(string name) =>
        PhotoVariants.IsValidName(name) ? name : throw new ArgumentException($"'{name}' is not a photo name.", nameof(name));

    public Task<bool> ExistsAsync(string name, CancellationToken ct = default) => Task.FromResult(_folder.Exists(Checked(name)));

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default) => _folder.SaveAsync(Checked(name), content, ct);

    public Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default) => Task.FromResult(_folder.OpenRead(Checked(name)));
}
