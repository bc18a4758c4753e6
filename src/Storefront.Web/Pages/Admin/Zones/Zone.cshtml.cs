using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Photos;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Admin.Zones;

/// <summary>
/// /admin/zones/{kind}/{key}: one zone's picture, chosen among its listings' photos or uploaded (checked and processed
/// like listing photos), or given back to its default. Every choice is audited (by the /Admin filter, described here).
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = IPhotoProcessor.MaxBytes + 64 * 1024)]
[RequestSizeLimit(IPhotoProcessor.MaxBytes + 64 * 1024)]
public class ZoneModel(ZonePictures pictures, IPhotoProcessor processor, AuditLog audit, CurrentActor actor, IStringLocalizer<SharedResource> t) : PageModel
{
    public ZonePictures.Zone Zone { get; private set; } = null!;
    public IReadOnlyList<ZonePictures.Candidate> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(ZoneKind kind, string key, CancellationToken ct) =>
        await LoadAsync(kind, key, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostChooseAsync(ZoneKind kind, string key, int? photoId, CancellationToken ct)
    {
        if (photoId is not { } id)
        {
            ModelState.AddModelError("photoId", t["Zones.NoPhotoChosen"]);
            return await LoadAsync(kind, key, ct) ? Page() : NotFound();
        }
        Describe(kind, key, "Zones.Choose", $"photo {id}");
        var outcome = await pictures.ChooseListingPhotoAsync(kind, key, id, actor.UserId, ct);
        if (outcome == ZonePictures.Outcome.UnknownZone) return NotFound();
        if (outcome == ZonePictures.Outcome.NotInZone)
        {
            ModelState.AddModelError("photoId", t["Zones.NotInZone"]);
            return await LoadAsync(kind, key, ct) ? Page() : NotFound();
        }
        return Done(kind, key, "Zones.Saved");
    }

    public async Task<IActionResult> OnPostUploadAsync(ZoneKind kind, string key, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", t["Photos.NoFile"]);
            return await LoadAsync(kind, key, ct) ? Page() : NotFound();
        }
        PhotoResult result;
        await using (var stream = file.OpenReadStream()) result = await processor.ProcessAsync(stream, ct);
        if (!result.Accepted)
        {
            ModelState.AddModelError("file", t["Photos.Refused", Path.GetFileName(file.FileName), t[$"Photos.Refusal.{result.Refusal}"]]);
            return await LoadAsync(kind, key, ct) ? Page() : NotFound();
        }
        Describe(kind, key, "Zones.Upload", result.ContentHash);
        if (await pictures.UseUploadedAsync(kind, key, result, actor.UserId, ct) == ZonePictures.Outcome.UnknownZone) return NotFound();
        return Done(kind, key, "Zones.Saved");
    }

    public async Task<IActionResult> OnPostResetAsync(ZoneKind kind, string key, CancellationToken ct)
    {
        Describe(kind, key, "Zones.Reset", null);
        if (!await pictures.ResetAsync(kind, key, ct)) return NotFound();
        return Done(kind, key, "Zones.WasReset");
    }

    /// <summary>Names the audit entry before the change is saved, so that it is written in the change's transaction.</summary>
    private void Describe(ZoneKind kind, string key, string action, string? details) =>
        audit.Record(actor.UserId, actor.Name, action, "Zone", $"{kind}:{key}", details: details);

    private IActionResult Done(ZoneKind kind, string key, string message)
    {
        TempData["Status"] = t[message].Value;
        return RedirectToPage(new { kind, key });
    }

    private async Task<bool> LoadAsync(ZoneKind kind, string key, CancellationToken ct)
    {
        if (await pictures.FindAsync(kind, key, Localization.Cultures.IsEnglish, ct) is not { } zone) return false;
        Zone = zone;
        Candidates = await pictures.CandidatesAsync(kind, key, ct);
        return true;
    }
}
