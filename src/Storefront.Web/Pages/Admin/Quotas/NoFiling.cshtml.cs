using Microsoft.Extensions.Localization;
using Storefront.Core.Quotas;

namespace Storefront.Web.Pages.Admin.Quotas;

/// <summary>Bound organisations without an approved canteen filing for the year: none, waiting for review, or returned.</summary>
public class NoFilingModel(Fulfilment fulfilment, TimeProvider clock, IStringLocalizer<SharedResource> t) : StandingListPage(fulfilment, clock, t)
{
    protected override string ExportName => "quota-no-filing";
    protected override IReadOnlyList<OrganisationStanding> Select(Fulfilment.Snapshot snapshot) => snapshot.WithoutFiling();
}
