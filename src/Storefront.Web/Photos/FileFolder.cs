namespace Storefront.Web.Photos;

/// <summary>
/// A folder of files named by the shop (photos, supplier documents), two levels of fan-out by the name's first two
/// characters. A file is written aside and moved into place, so a reader never sees half of it.
/// </summary>
internal sealed class FileFolder(string root)
{
    public string Root { get; } = root;

    public string PathOf(string name) => Path.Combine(Root, name[..2], name);

    public async Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content.ToArray(), ct);
        File.Move(temporary, path, overwrite: true);
    }

    public Stream? OpenRead(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    public bool Exists(string name) => File.Exists(PathOf(name));

    public void Delete(string name) => File.Delete(PathOf(name));
}
