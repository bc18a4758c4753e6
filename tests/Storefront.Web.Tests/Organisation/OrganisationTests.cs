using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Notifications;
using Storefront.Core.Organisations;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;
using static Storefront.Web.Tests.Ordering.OrderingSteps;

namespace Storefront.Web.Tests.Organisation;

public class OrganisationOnSqlite(StorefrontFactory factory) : OrganisationTests<StorefrontFactory>(factory);
public class OrganisationOnPostgreSql(PostgreSqlStorefrontFactory factory) : OrganisationTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>An organisation registers, is verified, and its org admin runs its people and settings.</summary>
public abstract class OrganisationTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static readonly string GoodCode = UnifiedSocialCreditCode.Complete("12430121MB7777777");

    [SkippableFact]
    public async Task AnOrganisationRegistersIsVerifiedByAnAdminAndMayThenOrder()
    {
        var email = $"canteen-{Guid.NewGuid():N}@example.cn";
        var person = Client();
        await Factory.RegisterAndSignInAsync(person, email, "canteen2026", "王老师");
        var none = await person.GetPageAsync("/organisation");
        Assert.NotNull(none.Find("#no-organisation"));

        var form = await person.GetPageAsync("/organisation/register");
        var canteen = new KeyValuePair<string, string>[]
        {
            new("Canteen.Label", "学生食堂"), new("Canteen.Address", "长沙县星沙街道"), new("Canteen.Recipient", "李师傅"), new("Canteen.Phone", "0731-84000000"),
        };
        var wrongCode = GoodCode[..17] + (GoodCode[17] == 'A' ? 'B' : 'A');
        var refused = await form.SubmitAsync(person, "#register-organisation-form",
            [new("Details.Name", "长沙县星沙实验小学"), new("Details.Type", "School"), new("Details.CreditCode", wrongCode), new("Details.RegionCode", "430100"), .. canteen]);
        Assert.Equal("统一社会信用代码校验位不正确，请核对。", refused.Text("[data-valmsg-for='Details.CreditCode']"));
        Assert.Contains("县级", refused.Text("[data-valmsg-for='Details.RegionCode']"));
        Assert.Equal(wrongCode, refused.Get("#Details_CreditCode").GetAttribute("value"));

        var registered = await refused.SubmitAsync(person, "#register-organisation-form",
            [new("Details.CreditCode", GoodCode.ToLowerInvariant()), new("Details.RegionCode", "430121")]);
        Assert.Contains("等待平台审核", registered.Text(".flash"));
        Assert.Equal("待审核", registered.Text("#organisation-status"));
        Assert.Contains("单位管理员", registered.Text("#your-roles"));
        var id = await Factory.OrganisationIdAsync("长沙县星沙实验小学");
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Kind == NotificationKind.OrganisationToVerify && n.Subject == "长沙县星沙实验小学")));

        // Not yet verified: the cart fills, but checkout refuses.
        await person.QuickOrderAsync($"L{await Factory.ListingIdAsync(Rice)}, 100");
        Assert.NotNull((await person.GetPageAsync("/cart/checkout")).Find("#may-not-order"));

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var queue = await admin.GetPageAsync("/admin/organisations");
        Assert.NotNull(queue.Find($"#organisations tr[data-organisation='{id}']"));
        var detail = await admin.GetPageAsync($"/admin/organisations/{id}");
        var noReason = await detail.SubmitAsync(admin, "#decide-form", submitName: "chosen", submitValue: "Reject");
        Assert.Equal("驳回或暂停须填写原因。", noReason.Text("[data-valmsg-for='Reason']"));
        var approved = await detail.SubmitAsync(admin, "#decide-form", submitName: "chosen", submitValue: "Approve");
        Assert.Equal("已通过", approved.Text("#organisation-status").Split(' ')[0]);
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectType == "Organisation" && a.SubjectId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("Organisation.Approve", audit);

        var placed = await person.CheckOutAsync();
        Assert.Single(OrderIdsOf(placed));
    }

    [SkippableFact]
    public async Task ARefusedRegistrationIsCorrectedAndSentAgain()
    {
        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var kindergarten = await Factory.OrganisationIdAsync("长沙市雨花区砂子塘幼儿园");
        var refused = await (await admin.GetPageAsync($"/admin/organisations/{kindergarten}"))
            .SubmitAsync(admin, "#decide-form", [new("Reason", "主管单位填写有误")], submitName: "chosen", submitValue: "Reject");
        Assert.StartsWith("未通过", refused.Text("#organisation-status"));

        var owner = await SignedInClientAsync(DemoOrdering.PendingOrganisationAdminEmail);
        var page = await owner.GetPageAsync("/organisation");
        Assert.Equal("主管单位填写有误", page.Text("#rejection-reason"));
        var again = await page.SubmitAsync(owner, "#resubmit-form", [new("Details.CompetentUnit", "长沙市雨花区教育局（学前教育科）")]);
        Assert.Equal("待审核", again.Text("#organisation-status"));
    }

    [SkippableFact]
    public async Task TheOrgAdminInvitesByEmailChangesRolesAndARemovedMemberLosesAccessAtOnce()
    {
        var orgAdmin = await SignedInClientAsync(DemoData.MemberEmail("agency", "admin"));
        var members = await orgAdmin.GetPageAsync("/organisation/members");
        var invitee = $"cook-{Guid.NewGuid():N}@example.cn";

        var noRoles = await members.SubmitAsync(orgAdmin, "#invite-form", [new("Email", invitee), new("Roles", "")]);
        Assert.Equal("请至少选择一个角色。", noRoles.Text("[data-valmsg-for='Roles']"));
        var invited = await members.SubmitAsync(orgAdmin, "#invite-form", [new("Email", invitee)]);
        Assert.Contains(invitee, invited.Text(".flash"));
        var mail = await Factory.WithDbAsync(db => db.OutgoingMails.SingleAsync(m => m.To == invitee));
        Assert.Contains("长沙市芙蓉区机关事务服务中心", mail.Subject);
        Assert.Contains("/invitations/", mail.TextBody);
        var already = await members.SubmitAsync(orgAdmin, "#invite-form", [new("Email", DemoData.MemberEmail("agency", "buyer"))]);
        Assert.Equal("此人已是本单位成员。", already.Text("[data-valmsg-for='Email']"));

        // The buyer becomes an approver too, then is removed and loses access at the next click.
        var buyerEmail = await Factory.NewMemberAsync("长沙市芙蓉区机关事务服务中心", OrganisationRoles.Buyer);
        var buyer = await SignedInClientAsync(buyerEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetPageAsync("/approvals")).Status);
        members = await orgAdmin.GetPageAsync("/organisation/members");
        var row = members.Get($"#members tr[data-email='{buyerEmail}']");
        var memberId = row.GetAttribute("data-member");
        var content = new FormUrlEncodedContent([new("Roles", "Buyer"), new("Roles", "Approver"),
            new("__RequestVerificationToken", members.Get($"#roles-{memberId} input[name=__RequestVerificationToken]").GetAttribute("value")!)]);
        var saved = await orgAdmin.PostPageAsync($"/organisation/members?handler=Roles&id={memberId}", content);
        Assert.Equal("角色已保存。", saved.Text(".flash"));
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetPageAsync("/approvals")).Status);

        var removed = await saved.SubmitAsync(orgAdmin, $"#remove-{memberId}");
        Assert.Contains("立即失去访问权限", removed.Text(".flash"));
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetPageAsync("/cart")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.GetPageAsync("/orders")).Status);

        // The last org admin cannot take away their own role.
        var me = removed.Get($"#members tr[data-email='{DemoData.MemberEmail("agency", "admin")}']").GetAttribute("data-member");
        var last = await removed.SubmitAsync(orgAdmin, $"#roles-{me}", [new("Roles", "Buyer")]);
        Assert.Equal("单位至少要保留一名单位管理员。", last.Text(".form-errors"));
    }

    [SkippableFact]
    public async Task SettingsSetTheThresholdThatDecidesWhichOrdersWaitForApproval()
    {
        var orgAdmin = await SignedInClientAsync(DemoData.MemberEmail("hospital", "admin"));
        var settings = await orgAdmin.GetPageAsync("/organisation/settings");
        Assert.Equal("5000.00", settings.Get("#Input_Threshold").GetAttribute("value"));
        var bad = await settings.SubmitAsync(orgAdmin, "#settings-form", [new("Input.Threshold", "-5")]);
        Assert.Contains("不小于 0", bad.Text("[data-valmsg-for='Input.Threshold']"));
        var badTerm = await settings.SubmitAsync(orgAdmin, "#settings-form", [new("Input.PaymentTermDays", "400")]);
        Assert.Contains("付款期限", badTerm.Text("[data-valmsg-for='Input.PaymentTermDays']"));

        var saved = await settings.SubmitAsync(orgAdmin, "#settings-form",
            [new("Input.Threshold", "500"), new("Input.InvoiceContactName", "财务科 张会计"), new("Input.InvoiceContactEmail", "finance@example.cn")]);
        Assert.Equal("设置已保存。", saved.Text(".flash"));
        try
        {
            var buyer = await SignedInClientAsync(await Factory.NewMemberAsync(Hospital, OrganisationRoles.Buyer));
            await buyer.QuickOrderAsync($"L{await Factory.ListingIdAsync(Tea)}, 10"); // ¥680, now above ¥500
            var purchase = await buyer.CheckOutAsync();
            Assert.Equal("待审批", purchase.Text("#purchase-orders .status"));

            var added = await saved.SubmitAsync(orgAdmin, "#address-form",
                [new("Canteen.Label", "住院部食堂"), new("Canteen.Address", "天心区书院路 9 号"), new("Canteen.Recipient", "周师傅"), new("Canteen.Phone", "0731-85000000")]);
            Assert.Contains("住院部食堂", added.Text("#addresses"));
            var missing = await added.SubmitAsync(orgAdmin, "#address-form", [new("Canteen.Label", "")]);
            Assert.Contains("请填写食堂名称", missing.Text("[data-valmsg-for='Canteen.Label']"));
        }
        finally
        {
            await Factory.WithDbAsync(db => db.Organisations.Where(o => o.Name == Hospital).ExecuteUpdateAsync(s => s.SetProperty(o => o.ApprovalThresholdFen, 500_000L)));
        }
    }
}
