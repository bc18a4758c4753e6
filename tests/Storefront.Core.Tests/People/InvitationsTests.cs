using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using static Storefront.Core.People.Invitations;

namespace Storefront.Core.Tests.People;

public class InvitationsTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AnInvitedPersonJoinsWithTheRolesGivenOnce()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var school = await db.AddOrganisationAsync();
        var admin = await db.AddUserAsync();
        var invitee = await db.AddUserAsync("Teacher@Example.cn");
        var invitations = new Invitations(db, Clock);
        var token = invitations.Create("teacher@example.cn", admin.Id, organisationId: school.Id, roles: OrganisationRoles.Buyer | OrganisationRoles.Approver);
        await db.SaveChangesAsync();

        Assert.Equal(Outcome.Accepted, await invitations.AcceptAsync(token, invitee));
        await db.SaveChangesAsync();
        var member = await db.OrganisationMembers.SingleAsync(m => m.UserId == invitee.Id);
        Assert.Equal(OrganisationRoles.Buyer | OrganisationRoles.Approver, member.Roles);
        Assert.Equal(Outcome.AlreadyUsed, await invitations.AcceptAsync(token, invitee));
        Assert.DoesNotContain(token, (await db.Invitations.SingleAsync()).TokenHash);
    }

    [Fact]
    public async Task AnInvitationIsRefusedToAnotherAccountAfterExpiryAndForAnUnknownToken()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var school = await db.AddOrganisationAsync();
        var admin = await db.AddUserAsync();
        var stranger = await db.AddUserAsync();
        var clock = new FakeTimeProvider(Clock.GetUtcNow());
        var invitations = new Invitations(db, clock);
        var token = invitations.Create("teacher@example.cn", admin.Id, organisationId: school.Id, roles: OrganisationRoles.Buyer);
        await db.SaveChangesAsync();

        Assert.Equal(Outcome.WrongAccount, await invitations.AcceptAsync(token, stranger));
        Assert.Equal(Outcome.NotFound, await invitations.AcceptAsync("no-such-token", stranger));
        clock.Advance(Lifetime + TimeSpan.FromSeconds(1));
        var invitee = await db.AddUserAsync("teacher@example.cn");
        Assert.Equal(Outcome.Expired, await invitations.AcceptAsync(token, invitee));
    }

    [Fact]
    public void AnInvitationIsToExactlyOneSupplierOrOrganisation()
    {
        var invitations = new Invitations(null!, Clock);
        Assert.Throws<ArgumentException>(() => invitations.Create("a@b.cn", "u"));
        Assert.Throws<ArgumentException>(() => invitations.Create("a@b.cn", "u", supplierId: 1, organisationId: 1, roles: OrganisationRoles.Buyer));
        Assert.Throws<ArgumentException>(() => invitations.Create("a@b.cn", "u", organisationId: 1));
    }
}
