using Storefront.Core.Regions;

namespace Storefront.Core.Organisations;

/// <summary>
/// A county paired with an organisation (东西部协作、对口帮扶), set by admins: a plan may be open to these counties only.
/// Only the designated ones among them may quote, as for any plan.
/// </summary>
public class PairedCounty
{
    public int Id { get; private set; }
    public int OrganisationId { get; init; }
    public required string CountyCode { get; init; }
    public AdministrativeDivision County { get; private set; } = null!;
    public required string AddedByUserId { get; init; }
    public DateTime AddedAtUtc { get; init; }
}
