using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Platform832;
using Storefront.Platform832.Client;

namespace Storefront.Platform832.Sync;

/// <summary>What the platform should hold for a listing, decided the same way by the sync and by reconciliation.</summary>
public static class SyncScope
{
    /// <summary>On sale on the 832 platform: published by a supplier that may sell. Anything else is delisted.</summary>
    public static bool IsOffered(ListingStatus status, VerificationStatus supplierStatus) =>
        status == ListingStatus.Published && supplierStatus == VerificationStatus.Verified;

    public static PlatformAuditStatus ParseAudit(string? status) => status switch
    {
        "PENDING" => PlatformAuditStatus.Pending,
        "APPROVED" => PlatformAuditStatus.Approved,
        "REJECTED" => PlatformAuditStatus.Rejected,
        _ => PlatformAuditStatus.Unknown,
    };

    /// <summary>"field: reason" a line, as stored on the sync record and shown to the supplier.</summary>
    public static string? FormatFieldErrors(IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? null : Truncate(string.Join('\n', errors.Select(e => $"{e.Field}: {e.Reason}")), ListingSyncRecord.ErrorMaxLength);

    public static IReadOnlyList<FieldError> ParseFieldErrors(string? stored) =>
        string.IsNullOrEmpty(stored)
            ? []
            : stored.Split('\n').Select(line => line.Split(": ", 2)).Select(p => new FieldError(p[0], p.Length > 1 ? p[1] : "")).ToList();

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
