using Microsoft.Extensions.Localization;
using Storefront.Core.Organisations;

namespace Storefront.Web.Pages.Organisation;

public static class RoleText
{
    /// <summary>"采购员、审批人": the roles a person holds, in the reader's language.</summary>
    public static string Of(IStringLocalizer t, OrganisationRoles roles) =>
        string.Join(t["Common.ListSeparator"], new[] { OrganisationRoles.Buyer, OrganisationRoles.Approver, OrganisationRoles.OrgAdmin }
            .Where(r => (roles & r) == r).Select(r => t[$"Role.{r}"].Value));
}
