using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.People;

namespace Storefront.Web.Demo;

/// <summary>
/// The ordering part of the demo, made through the same services people use: the school's saved weekly list, an
/// order of the hospital waiting for its approver, an order of the agency waiting for its bank transfer (its stock
/// reserved), and a kindergarten's registration waiting for an admin. Nothing is paid, so no quota is counted, and the
/// listings used by the journeys (洞口香米 散装, 永顺莓茶 250g) keep their stock.
/// </summary>
public sealed class DemoOrdering(
    StorefrontDbContext db,
    Cart cart,
    SavedLists lists,
    OrderPlacement placement,
    OrganisationRegistration registration,
    UserManager<StorefrontUser> users,
    TimeProvider clock)
{
    public static string PendingOrganisationAdminEmail => $"kindergarten.admin@{DemoData.EmailDomain}";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        var listings = await db.Listings.AsNoTracking().Select(l => new { l.Id, l.Title }).ToDictionaryAsync(l => l.Title, l => l.Id, ct);

        var (schoolId, schoolBuyer) = await MemberAsync("school", "buyer", ct);
        await cart.AddAsync(schoolBuyer.Id, schoolId,
        [
            new(listings["洞口香米 散装 按公斤"], 200),
            new(listings["汝城高山大白菜"], 300),
            new(listings["汝城土豆"], 200),
            new(listings["平江酱干 香辣 1kg"], 20),
        ], ct);
        await lists.SaveCartAsync(schoolBuyer.Id, schoolId, "每周食堂订单", ct);
        await cart.ClearAsync(schoolBuyer.Id, schoolId, ct);

        // ¥8,550 of beef (the 10-box tier), above the hospital's ¥5,000 threshold: it waits for hospital.approver.
        await PlaceAsync("hospital", [new(listings["新晃黄牛肉 冷鲜 5kg"], 20)], "YY-2026-031", ct);
        // Two orders of fruit (¥780 and ¥680), below the agency's ¥2,000 threshold: they go straight on and wait for the transfer.
        await PlaceAsync("agency", [new(listings["麻阳冰糖橙 10kg"], 10), new(listings["浦市椪柑 10kg"], 10)], "JG-2026-007", ct);

        var admin = await CreateUserAsync(PendingOrganisationAdminEmail, "砂子塘幼儿园 园长");
        await registration.RegisterAsync(
            new OrganisationRegistration.Details("长沙市雨花区砂子塘幼儿园", OrganisationType.School,
                UnifiedSocialCreditCode.Complete("12430111MB0000099"), "430111", "长沙市雨花区教育局"),
            new OrganisationRegistration.Canteen("幼儿园食堂", "湖南省 长沙市 雨花区 砂子塘路 18 号", "食堂管理员", "0731-85550000"),
            admin.Id, ct);
    }

    private async Task PlaceAsync(string organisationKey, IReadOnlyList<Cart.Addition> lines, string reference, CancellationToken ct)
    {
        var (organisationId, buyer) = await MemberAsync(organisationKey, "buyer", ct);
        await cart.AddAsync(buyer.Id, organisationId, lines, ct);
        var view = await cart.LoadAsync(buyer.Id, organisationId, ct);
        var address = await db.DeliveryAddresses.AsNoTracking().FirstAsync(a => a.OrganisationId == organisationId && a.IsDefault, ct);
        var result = await placement.PlaceAsync(new OrderPlacement.Request(
            organisationId, buyer.Id, buyer.Email!, Guid.NewGuid(), address.Id, placement.EarliestDelivery(view).AddDays(3), reference, null, false,
            view.Items.Select(i => new OrderPlacement.SeenLine(i.Quote.Listing.Id, i.Quote.Quantity, i.Quote.UnitPriceFen ?? 0)).ToList()), ct);
        if (result.Problem != OrderPlacement.Problem.None)
            throw new InvalidOperationException($"The demo order of {organisationKey} was refused: {result.Problem}.");
    }

    private async Task<(int OrganisationId, StorefrontUser User)> MemberAsync(string organisationKey, string role, CancellationToken ct)
    {
        var email = DemoData.MemberEmail(organisationKey, role);
        var member = await db.OrganisationMembers.AsNoTracking().Include(m => m.User).FirstAsync(m => m.User.Email == email, ct);
        return (member.OrganisationId, member.User);
    }

    private async Task<StorefrontUser> CreateUserAsync(string email, string displayName)
    {
        var user = new StorefrontUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, DemoData.Password);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        return user;
    }
}
