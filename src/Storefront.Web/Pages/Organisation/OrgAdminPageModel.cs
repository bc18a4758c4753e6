using System.Globalization;
using Storefront.Core.Organisations;
using Storefront.Web.Security;

namespace Storefront.Web.Pages.Organisation;

/// <summary>A page of the org admin's: without the role in the organisation the person acts for, every handler answers 403.</summary>
[OrganisationPage(OrganisationRoles.OrgAdmin)]
public abstract class OrgAdminPageModel(CurrentActor actor) : OrganisationPageModel
{
    protected CurrentActor Actor { get; } = actor;

    /// <summary>The organisation's id as audit entries name it.</summary>
    protected string Subject => Seat.OrganisationId.ToString(CultureInfo.InvariantCulture);
}
