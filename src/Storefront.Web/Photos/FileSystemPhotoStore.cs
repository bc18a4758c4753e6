using Storefront.Core.Photos;

namespace Storefront.Web.Photos;

/// <summary>Photos as files in the data folder (or a folder shared by all instances), two levels of fan-out by hash.</summary>
public sealed class FileSystemPhotoStore(string root) : IPhotoStore
{
    private string PathOf(string name)
    {
        if (!PhotoVariants.IsValidName(name)) throw new ArgumentException($"'{name}' is not a photo name.", nameof(name));
        return Path.Combine(root, name[..2], name);
    }

    public Task<bool> ExistsAsync(string name, CancellationToken ct = default) => Task.FromResult(File.Exists(PathOf(name)));

    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a reader never sees half a file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default)
    {
        var path = PathOf(name);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true)
            : null;
        return Task.FromResult(stream);
    }
}
