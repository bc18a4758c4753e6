using Microsoft.EntityFrameworkCore;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;
using Storefront.Core.Tests.Ordering;
using static Storefront.Core.Organisations.OrganisationMembership;

namespace Storefront.Core.Tests.Organisations;

public class OrganisationMembershipTests
{
    [Fact]
    public async Task AnOrganisationAlwaysKeepsOneOrgAdmin()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var school = await db.AddOrganisationAsync();
        var admin = await db.AddMemberAsync(school, OrganisationRoles.OrgAdmin | OrganisationRoles.Buyer);
        var membership = new OrganisationMembership(db);
        var adminMember = await db.OrganisationMembers.SingleAsync(m => m.UserId == admin.Id);

        Assert.Equal(Outcome.LastOrgAdmin, await membership.SetRolesAsync(school.Id, adminMember.Id, OrganisationRoles.Buyer));
        Assert.Equal(Outcome.LastOrgAdmin, await membership.RemoveAsync(school.Id, adminMember.Id));
        Assert.Equal(Outcome.NoRoles, await membership.SetRolesAsync(school.Id, adminMember.Id, OrganisationRoles.None));

        var second = await db.AddMemberAsync(school, OrganisationRoles.OrgAdmin);
        Assert.Equal(Outcome.Done, await membership.SetRolesAsync(school.Id, adminMember.Id, OrganisationRoles.Buyer));
        Assert.Equal(Outcome.LastOrgAdmin, await membership.RemoveAsync(school.Id, (await db.OrganisationMembers.SingleAsync(m => m.UserId == second.Id)).Id));
    }

    [Fact]
    public async Task ARemovedMemberLeavesWithTheirCartAndCannotBeReachedFromAnotherOrganisation()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var school = await db.AddOrganisationAsync();
        var other = await db.AddOrganisationAsync();
        await db.AddMemberAsync(school, OrganisationRoles.OrgAdmin);
        var buyer = await db.AddMemberAsync(school, OrganisationRoles.Buyer);
        var listing = await db.AddListingAsync(await db.AddSupplierAsync());
        await new OrderingBuilders.Services(db).Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 10)]);
        var member = await db.OrganisationMembers.SingleAsync(m => m.UserId == buyer.Id);
        var membership = new OrganisationMembership(db);

        Assert.Equal(Outcome.NotFound, await membership.RemoveAsync(other.Id, member.Id));
        Assert.Equal(Outcome.Done, await membership.RemoveAsync(school.Id, member.Id));
        Assert.False(await db.OrganisationMembers.AnyAsync(m => m.UserId == buyer.Id));
        Assert.False(await db.CartLines.AnyAsync());
    }

    [Fact]
    public async Task ARegistrationIsCheckedAndItsPersonBecomesOrgAdmin()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var person = await db.AddUserAsync();
        var services = new OrderingBuilders.Services(db);
        var registration = new OrganisationRegistration(db, new DesignatedCounties(db, OrderingBuilders.Clock), services.Notifier, OrderingBuilders.Clock);
        var good = UnifiedSocialCreditCode.Complete("12430104MB9999999");
        var canteen = new OrganisationRegistration.Canteen("学生食堂", "岳麓区", "王师傅", "0731-1");

        var (none, problems) = await registration.RegisterAsync(new("实验中学", OrganisationType.School, good[..17] + (good[17] == '0' ? '1' : '0'), "430000", null), canteen, person.Id);
        Assert.Null(none);
        Assert.Equal([(OrganisationRegistration.Field.CreditCode, "WrongCheckCharacter"), (OrganisationRegistration.Field.RegionCode, "NotACounty")],
            problems.Select(p => (p.Field, p.Code)));

        var (school, _) = await registration.RegisterAsync(new("实验中学", OrganisationType.School, good.ToLowerInvariant(), "430104", "岳麓区教育局"), canteen, person.Id);
        Assert.NotNull(school);
        Assert.Equal((VerificationStatus.Pending, good), (school.Status, school.CreditCode));
        var member = await db.OrganisationMembers.SingleAsync(m => m.OrganisationId == school.Id);
        Assert.True(member.Has(OrganisationRoles.OrgAdmin));
        Assert.True((await db.DeliveryAddresses.SingleAsync(a => a.OrganisationId == school.Id)).IsDefault);

        var (twice, taken) = await registration.RegisterAsync(new("另一所", OrganisationType.School, good, "430104", null), canteen, person.Id);
        Assert.Null(twice);
        Assert.Equal("Taken", taken.Single().Code);
    }
}
