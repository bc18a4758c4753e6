using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Auditing;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier;

/// <summary>
/// /supplier/profile: the supplier corrects its profile; after a rejection it sends it for verification again. The
/// identity an admin verified is fixed once verified.
/// </summary>
public class ProfileModel(
    StorefrontDbContext db,
    SupplierProfiles profiles,
    AuditLog audit,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<SharedResource> t) : SupplierPageModel
{
    [BindProperty] public SupplierProfileInput Input { get; set; } = new();
    public IReadOnlyList<CountyOption> Counties { get; private set; } = [];
    public VerificationStatus Status { get; private set; }
    public string? RejectionReason { get; private set; }
    public string BankAccountMasked { get; private set; } = "";
    public bool IdentityFixed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var supplier = await db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == SupplierId, ct);
        Input = SupplierProfileInput.From(supplier);
        await DescribeAsync(supplier, ct);
    }

    /// <summary>Saves the profile; with resubmit (the second button) also sends a rejected profile for verification again.</summary>
    public async Task<IActionResult> OnPostAsync(bool resubmit, CancellationToken ct)
    {
        var supplier = await db.Suppliers.SingleAsync(s => s.Id == SupplierId, ct);
        var profile = Input.ToProfile();
        SupplierProfileInput.AddProblems(ModelState, await profiles.CheckAsync(profile, supplier, ct), t);
        if (resubmit && supplier.Status != VerificationStatus.Rejected) ModelState.AddModelError(string.Empty, t["Supplier.NothingToResubmit"]);
        if (!ModelState.IsValid)
        {
            await DescribeAsync(supplier, ct);
            return Page();
        }

        profiles.Apply(supplier, profile);
        var id = supplier.Id.ToString(CultureInfo.InvariantCulture);
        if (resubmit)
        {
            supplier.Submit(clock.GetUtcNow().UtcDateTime);
            audit.Record(actor.UserId, actor.Name, "Supplier.Resubmit", SupplierVerification.SubjectType, id);
        }
        else
        {
            audit.Record(actor.UserId, actor.Name, "Supplier.EditProfile", SupplierVerification.SubjectType, id);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.Suppliers.AnyAsync(s => s.CreditCode == supplier.CreditCode && s.Id != SupplierId, ct)) throw;
            ModelState.AddModelError("Input.CreditCode", t["SupplierProblem.CreditCode.Taken"]);
            await DescribeAsync(await db.Suppliers.AsNoTracking().SingleAsync(s => s.Id == SupplierId, ct), ct);
            return Page();
        }
        TempData["Status"] = t[resubmit ? "Supplier.Resubmitted" : "Supplier.ProfileSaved"].Value;
        return RedirectToPage(resubmit ? "/Supplier/Index" : "/Supplier/Profile", new { supplier = SupplierRoute });
    }

    private async Task DescribeAsync(Core.Suppliers.Supplier supplier, CancellationToken ct)
    {
        Status = supplier.Status;
        RejectionReason = supplier.RejectionReason;
        BankAccountMasked = supplier.BankAccountMasked;
        IdentityFixed = SupplierProfiles.IdentityIsFixed(supplier);
        if (IdentityFixed)
        {
            // What an admin verified is shown as it is on file, whatever the hidden fields of the form said.
            var onFile = SupplierProfileInput.From(supplier);
            (Input.Name, Input.Kind, Input.CreditCode, Input.CountyCode) = (onFile.Name, onFile.Kind, onFile.CreditCode, onFile.CountyCode);
        }
        Counties = await CountyOption.LoadAsync(db, ct);
    }
}
