using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Web.Pages.Organisation;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Orders;

/// <summary>
/// /orders/{id}/fapiao: a buyer asks for the order's fapiao once it is paid, with the kind, the title and tax id
/// (prefilled from the organisation) and the address to send it to; the request may change until a fapiao is issued.
/// </summary>
[Authorize]
[OrganisationPage(OrganisationRoles.Buyer)]
public class FapiaoModel(StorefrontDbContext db, FapiaoDesk desk, OrderWorkflow workflow, CurrentActor actor, IStringLocalizer<SharedResource> t)
    : OrganisationPageModel
{
    public sealed class RequestInput
    {
        /// <summary>A kind's name; anything else is refused, never taken as the default kind.</summary>
        [Display(Name = "Fapiao.Kind")]
        public string? Kind { get; set; } = nameof(FapiaoKind.Ordinary);

        [Display(Name = "Fapiao.BuyerTitle")]
        public string? Title { get; set; }

        [Display(Name = "Fapiao.TaxId")]
        public string? TaxId { get; set; }

        [Display(Name = "Fapiao.Email")]
        public string? Email { get; set; }
    }

    public long OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public FapiaoView Fapiao { get; private set; } = null!;
    public string FileBase => $"/orders/{OrderId}/fapiao";

    [BindProperty(Name = "Input")] public RequestInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (Fapiao.Request is { } r)
        {
            Input = new RequestInput { Kind = r.Kind.ToString(), Title = r.Title, TaxId = r.TaxId, Email = r.Email };
        }
        else
        {
            // Prefilled from the organisation: its name and credit code are what a fapiao to it carries.
            var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == Seat.OrganisationId)
                .Select(o => new { o.Name, o.CreditCode, o.InvoiceContactEmail }).SingleAsync(ct);
            var email = organisation.InvoiceContactEmail
                ?? await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            Input = new RequestInput { Title = organisation.Name, TaxId = organisation.CreditCode, Email = email };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TenantId(TenantRecord.Order)] long id, CancellationToken ct)
    {
        var order = await workflow.FindAsync(id, organisationId: Seat.OrganisationId, ct: ct);
        if (order is null) return NotFound();
        var kind = Enum.GetNames<FapiaoKind>().Contains(Input.Kind) ? Enum.Parse<FapiaoKind>(Input.Kind!) : (FapiaoKind)0;
        var result = await desk.RequestAsync(order, new FapiaoRules.RequestDraft(kind, Input.Title, Input.TaxId, Input.Email), actor.AsOrderActor(), ct);
        if (result.Succeeded)
        {
            TempData["Status"] = t["Fapiao.Requested"].Value;
            return RedirectToPage("/Orders/Detail", new { id });
        }
        ModelState.Clear();
        foreach (var problem in result.Problems)
            ModelState.AddModelError($"Input.{problem.Field}", FapiaoText.Problem(t, problem));
        if (result.Outcome != FapiaoDesk.Outcome.Invalid) ModelState.AddModelError(string.Empty, FapiaoText.Outcome(t, result.Outcome));
        if (!await LoadAsync(id, ct)) return NotFound();
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().Where(o => o.Id == id && o.OrganisationId == Seat.OrganisationId)
            .Select(o => new { o.Number, o.Status }).FirstOrDefaultAsync(ct);
        if (order is null) return false;
        OrderId = id;
        OrderNumber = order.Number;
        Fapiao = await FapiaoView.LoadAsync(db, desk, id, order.Status, ct);
        return true;
    }
}
