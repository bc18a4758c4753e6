using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Regions;

namespace Storefront.Core.Organisations;

/// <summary>
/// An organisation joins: its details are checked (the credit code's check character, a county-level region, a code
/// no other organisation holds), the person registering becomes its org admin, and admins are told to verify it.
/// A refused registration is corrected and sent again the same way.
/// </summary>
public sealed class OrganisationRegistration(StorefrontDbContext db, DesignatedCounties counties, Notifier notifier, TimeProvider clock)
{
    public sealed record Details(string Name, OrganisationType Type, string CreditCode, string RegionCode, string? CompetentUnit);

    public sealed record Canteen(string Label, string Address, string Recipient, string Phone);

    public enum Field { CreditCode, RegionCode }

    /// <summary>A problem with one field; <see cref="Code"/> names it ("WrongCheckCharacter", "Taken", "NotACounty").</summary>
    public sealed record Problem(Field Field, string Code);

    public async Task<IReadOnlyList<Problem>> ValidateAsync(Details details, int? organisationId = null, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        var code = UnifiedSocialCreditCode.Normalize(details.CreditCode);
        var check = UnifiedSocialCreditCode.Check(code);
        if (check != UnifiedSocialCreditCode.Problem.None) problems.Add(new(Field.CreditCode, check.ToString()));
        else if (await db.Organisations.AnyAsync(o => o.CreditCode == code && o.Id != organisationId, ct)) problems.Add(new(Field.CreditCode, "Taken"));
        var region = await counties.CheckAsync(details.RegionCode?.Trim(), ct);
        if (region is not (DesignatedCounties.Verdict.Designated or DesignatedCounties.Verdict.NotDesignated))
            problems.Add(new(Field.RegionCode, region.ToString()));
        return problems;
    }

    /// <summary>Registers the organisation with its first canteen, the person as its org admin (and buyer and approver), and saves.</summary>
    public async Task<(Organisation? Organisation, IReadOnlyList<Problem> Problems)> RegisterAsync(
        Details details, Canteen canteen, string userId, CancellationToken ct = default)
    {
        var problems = await ValidateAsync(details, null, ct);
        if (problems.Count > 0) return (null, problems);
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = new Organisation
        {
            Name = details.Name.Trim(),
            Type = details.Type,
            CreditCode = UnifiedSocialCreditCode.Normalize(details.CreditCode),
            RegionCode = details.RegionCode.Trim(),
            CompetentUnit = details.CompetentUnit.TrimmedOrNull(),
            Status = VerificationStatus.Pending,
            CreatedAtUtc = now,
        };
        organisation.Submit(now);
        organisation.DeliveryAddresses.Add(new DeliveryAddress
        {
            Label = canteen.Label.Trim(), Address = canteen.Address.Trim(), Recipient = canteen.Recipient.Trim(), Phone = canteen.Phone.Trim(), IsDefault = true,
        });
        // The person who registers runs it until they invite others; they may give their roles away later.
        organisation.Members.Add(new OrganisationMember
        {
            UserId = userId, Roles = OrganisationRoles.OrgAdmin | OrganisationRoles.Buyer | OrganisationRoles.Approver, JoinedAtUtc = now,
        });
        db.Organisations.Add(organisation);
        notifier.Notify(await notifier.AdminsAsync(ct), NotificationKind.OrganisationToVerify, organisation.Name, "/admin/organisations");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another registration with the same code won the race; anything else is not ours to hide.
            if (!await db.Organisations.AnyAsync(o => o.CreditCode == organisation.CreditCode, ct)) throw;
            return (null, [new Problem(Field.CreditCode, "Taken")]);
        }
        return (organisation, []);
    }

    /// <summary>Corrects a pending or refused registration and sends it (again) for verification; the caller saves.</summary>
    public async Task<IReadOnlyList<Problem>?> ResubmitAsync(Organisation organisation, Details details, CancellationToken ct = default)
    {
        if (organisation.Status is not (VerificationStatus.Pending or VerificationStatus.Rejected)) return null;
        var problems = await ValidateAsync(details, organisation.Id, ct);
        if (problems.Count > 0) return problems;
        organisation.Name = details.Name.Trim();
        organisation.Type = details.Type;
        organisation.CreditCode = UnifiedSocialCreditCode.Normalize(details.CreditCode);
        organisation.RegionCode = details.RegionCode.Trim();
        organisation.CompetentUnit = details.CompetentUnit.TrimmedOrNull();
        organisation.Submit(clock.GetUtcNow().UtcDateTime);
        notifier.Notify(await notifier.AdminsAsync(ct), NotificationKind.OrganisationToVerify, organisation.Name, "/admin/organisations");
        return problems;
    }
}
