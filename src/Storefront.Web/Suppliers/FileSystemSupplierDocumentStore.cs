using System.Text.RegularExpressions;
using Storefront.Core.Suppliers;

namespace Storefront.Web.Suppliers;

/// <summary>
/// Supplier documents as files in the data folder's documents/ (or a folder shared by all instances): outside the web
/// root, so nothing serves them but the authorised handler. Only names the shop made up are accepted as paths.
/// </summary>
public sealed partial class FileSystemSupplierDocumentStore(string root) : ISupplierDocumentStore
{
    public string Root { get; } = root;

    private string PathOf(string name)
    {
        if (!NamePattern().IsMatch(name)) throw new ArgumentException($"'{name}' is not a document name.", nameof(name));
        return Path.Combine(Root, name[..2], name);
    }

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

    public Task DeleteAsync(string name, CancellationToken ct = default)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp|pdf)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
