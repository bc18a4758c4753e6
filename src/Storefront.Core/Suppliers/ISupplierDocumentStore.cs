namespace Storefront.Core.Suppliers;

/// <summary>Private storage for supplier documents (licences, and the fapiaos it issues): the data folder by default, outside the web root.</summary>
public interface ISupplierDocumentStore
{
    Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default);
    /// <summary>The stored file, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default);
    Task DeleteAsync(string name, CancellationToken ct = default);
}
