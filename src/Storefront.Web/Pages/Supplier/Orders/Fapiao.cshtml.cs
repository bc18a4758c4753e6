using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Money;
using Storefront.Core.Ordering;
using Storefront.Web.Pages.Orders;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Supplier.Orders;

/// <summary>
/// /supplier/orders/{id}/fapiao: the buyer's request for the order's fapiao, where the supplier records the fapiao it
/// issued (number, date, amount and the PDF or OFD file) and, when a refund makes one wrong, the red-letter fapiao
/// that reverses it. Another supplier's order is not found.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[RequestSizeLimit(MaxRequestBytes)]
public class FapiaoModel(StorefrontDbContext db, FapiaoDesk desk, OrderWorkflow workflow, CurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : SupplierPageModel
{
    public const int MaxRequestBytes = (int)(FapiaoFiles.MaxBytes + 1024 * 1024);

    /// <summary>As typed: the date as yyyy-MM-dd (a date input), the amount in yuan.</summary>
    public sealed class FapiaoInput
    {
        public string? Number { get; set; }
        public string? IssuedOn { get; set; }
        public string? Amount { get; set; }
    }

    public long OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public FapiaoView Fapiao { get; private set; } = null!;
    public string FileBase => $"/supplier/orders/{OrderId}/fapiao";
    public string Today { get; private set; } = "";
    /// <summary>The red-letter form that was sent, to show its errors beside it.</summary>
    public long? RedLetterFor { get; private set; }

    public FapiaoInput Issue { get; private set; } = new();

    /// <summary>The errors of one field of a form, which may be a file or the fapiao reversed rather than an input of the model.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public FapiaoInput Red { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Issue = new FapiaoInput { IssuedOn = Today, Amount = Fapiao.Standing.OpenFen > 0 ? Fen.ToYuanText(Fapiao.Standing.OpenFen) : null };
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync([TenantId(TenantRecord.Order)] long id, [Bind(Prefix = "Issue")] FapiaoInput input, IFormFile? file, CancellationToken ct)
    {
        Issue = input;
        return await RecordAsync(id, input, file, "Issue", (order, draft, upload) => desk.IssueAsync(order, draft, upload, actor.AsOrderActor(), ct), ct);
    }

    public async Task<IActionResult> OnPostRedLetterAsync([TenantId(TenantRecord.Order)] long id, [TenantId(TenantRecord.Fapiao)] long reversesId,
        [Bind(Prefix = "Red")] FapiaoInput input, IFormFile? file, CancellationToken ct)
    {
        Red = input;
        RedLetterFor = reversesId;
        return await RecordAsync(id, input, file, "Red", (order, draft, upload) => desk.RedLetterAsync(order, reversesId, draft, upload, actor.AsOrderActor(), ct), ct);
    }

    private async Task<IActionResult> RecordAsync(long id, FapiaoInput input, IFormFile? file, string prefix,
        Func<Core.Ordering.Order, FapiaoRules.IssueDraft, FapiaoFiles.Upload, Task<FapiaoDesk.Result>> record, CancellationToken ct)
    {
        var order = await workflow.FindAsync(id, supplierId: SupplierId, ct: ct);
        if (order is null || order.ApprovedAtUtc is null) return NotFound();
        ModelState.Clear();
        FapiaoFiles.Upload? upload = null;
        if (file is null || file.Length == 0) ModelState.AddModelError($"{prefix}.File", t["Fapiao.FileProblem.Empty"]);
        else
        {
            await using var stream = file.OpenReadStream();
            (upload, var problem) = await FapiaoFiles.ReadAsync(stream, file.FileName, ct);
            if (upload is null) ModelState.AddModelError($"{prefix}.File", t[$"Fapiao.FileProblem.{problem}"]);
        }
        var issuedOn = DateOnly.TryParseExact(input.IssuedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        var amount = Fen.ParseYuan(input.Amount);
        var draft = new FapiaoRules.IssueDraft(input.Number, issuedOn, amount);
        if (upload is not null)
        {
            var result = await record(order, draft, upload);
            if (result.Succeeded)
            {
                TempData["Status"] = t[prefix == "Red" ? "Fapiao.RedLetterRecorded" : "Fapiao.IssueRecorded", FapiaoRules.NormalizeNumber(input.Number)].Value;
                return RedirectToPage(new { id, supplier = SupplierRoute });
            }
            foreach (var problem in result.Problems)
            {
                // A date or amount that was typed but could not be read says so, rather than asking for one.
                var code = problem.Code switch
                {
                    "DateRequired" when !string.IsNullOrWhiteSpace(input.IssuedOn) => "DateInvalid",
                    "AmountRequired" when !string.IsNullOrWhiteSpace(input.Amount) => "AmountInvalid",
                    _ => problem.Code,
                };
                var key = problem.Field == FapiaoRules.Field.Reverses ? string.Empty : $"{prefix}.{problem.Field}";
                ModelState.AddModelError(key, FapiaoText.Problem(t, problem with { Code = code }));
            }
            if (result.Outcome != FapiaoDesk.Outcome.Invalid) ModelState.AddModelError(string.Empty, FapiaoText.Outcome(t, result.Outcome));
        }
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var order = await SupplierOrders.Of(db, SupplierId).AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Number, o.Status, OrganisationName = o.Organisation.Name }).FirstOrDefaultAsync(ct);
        if (order is null) return false;
        OrderId = id;
        OrderNumber = order.Number;
        OrganisationName = order.OrganisationName;
        Fapiao = await FapiaoView.LoadAsync(db, desk, id, order.Status, ct);
        Today = ShanghaiTime.DateOf(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return true;
    }
}
