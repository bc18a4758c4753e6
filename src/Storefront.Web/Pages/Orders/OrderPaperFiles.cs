using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Photos;
using Storefront.Core.Suppliers;
using Storefront.Web.Papers;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// The files an order page hands out, to the buyer's organisation and to the supplier alike, each within the scope of
/// orders its page gives: the delivery note and acceptance record of a shipment, and the photo taken at acceptance.
/// </summary>
public static class OrderPaperFiles
{
    public enum Kind { DeliveryNote, AcceptanceRecord }

    public static async Task<IActionResult> PaperAsync(PageModel page, OrderPapers papers, IQueryable<Order> scope, long orderId, long shipmentId, Kind kind, CancellationToken ct)
    {
        var paper = kind == Kind.DeliveryNote
            ? await papers.DeliveryNoteAsync(scope, orderId, shipmentId, ct)
            : await papers.AcceptanceRecordAsync(scope, orderId, shipmentId, ct);
        if (paper is null) return page.NotFound();
        page.Response.Headers.CacheControl = "private, no-store";
        // Downloaded, never rendered on the shop's origin, like every PDF the shop hands out.
        return page.File(paper.Content, "application/pdf", paper.FileName);
    }

    public static async Task<IActionResult> PhotoAsync(PageModel page, StorefrontDbContext db, ISupplierDocumentStore store, IQueryable<Order> scope, long orderId, long shipmentId, CancellationToken ct)
    {
        var photo = await db.Receipts.AsNoTracking()
            .Where(r => r.ShipmentId == shipmentId && r.PhotoName != null && scope.Any(o => o.Id == orderId && o.Shipments.Any(s => s.Id == shipmentId)))
            .Select(r => new { r.PhotoName, r.PhotoContentType })
            .FirstOrDefaultAsync(ct);
        if (photo is null || await store.OpenReadAsync(photo.PhotoName!, ct) is not { } stream) return page.NotFound();
        page.Response.Headers.CacheControl = "private, no-store";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(photo.PhotoName!);
        page.Response.Headers.ContentDisposition = disposition.ToString();
        return page.File(stream, photo.PhotoContentType ?? "application/octet-stream");
    }

    public enum PhotoProblem { None, TooLarge, NotAnImage, TooManyPixels, Damaged, WithMarkup }

    /// <summary>A photo of a shortfall: JPEG, PNG or WebP by its bytes, at most 10 MB, and the photo checks made before
    /// any decoding (<see cref="IPhotoProcessor.Inspect"/>: header dimensions by ImageSharp's Identify, markup, a whole
    /// file). It is kept as uploaded, privately, like a supplier's licence scan.</summary>
    public static async Task<(SupplierDocuments.Upload? Upload, PhotoProblem Problem)> ReadPhotoAsync(IFormFile file, IPhotoProcessor images, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        var (upload, problem) = await SupplierDocuments.ReadAsync(stream, file.FileName, images, ct);
        return problem switch
        {
            SupplierDocuments.Problem.None when upload!.Type.ContentType.StartsWith("image/", StringComparison.Ordinal) => (upload, PhotoProblem.None),
            SupplierDocuments.Problem.None or SupplierDocuments.Problem.UnsupportedType or SupplierDocuments.Problem.Empty => (null, PhotoProblem.NotAnImage),
            SupplierDocuments.Problem.TooLarge => (null, PhotoProblem.TooLarge),
            SupplierDocuments.Problem.ImageTooManyPixels => (null, PhotoProblem.TooManyPixels),
            SupplierDocuments.Problem.ImageWithMarkup => (null, PhotoProblem.WithMarkup),
            _ => (null, PhotoProblem.Damaged),
        };
    }
}
