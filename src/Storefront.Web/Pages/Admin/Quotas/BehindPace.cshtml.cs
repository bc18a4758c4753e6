using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Organisations whose counted amount is below where their quota says they should be today, furthest behind first.</summary>
public class BehindPaceModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : StandingListPage(fulfilment, clock, t)
{
    protected override string ExportName => "quota-behind-pace";
    protected override IReadOnlyList<OrganisationStanding> Select(Fulfilment.Snapshot snapshot) => snapshot.BehindPace();
}
