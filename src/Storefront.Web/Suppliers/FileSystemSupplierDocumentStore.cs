using System.Text.RegularExpressions;
using Storefront.Core.Suppliers;
using Storefront.Web.Photos;

namespace Storefront.Web.Suppliers;

/// <summary>
/// Supplier documents as files in the data folder's documents/ (or a folder shared by all instances): outside the web
/// root, so nothing serves them but the authorised handler. Only names the shop made up are accepted as paths.
/// </summary>
public sealed partial class FileSystemSupplierDocumentStore(string root) : ISupplierDocumentStore
{
    private readonly FileFolder _folder = new(root);

    public string Root => _folder.Root;

    private static string Checked(string name) =>
        NamePattern().IsMatch(name) ? name : throw new ArgumentException($"'{name}' is not a document name.", nameof(name));

    public Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default) => _folder.SaveAsync(Checked(name), content, ct);

    public Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default) => Task.FromResult(_folder.OpenRead(Checked(name)));

    public Task DeleteAsync(string name, CancellationToken ct = default)
    {
        _folder.Delete(Checked(name));
        return Task.CompletedTask;
    }

    [GeneratedRegex("^[0-9a-f]{32}\\.(jpg|png|webp|pdf|ofd)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
