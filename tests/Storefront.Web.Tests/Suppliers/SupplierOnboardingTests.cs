using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Photos;

namespace Storefront.Web.Tests.Suppliers;

public class SupplierOnboardingOnSqlite(StorefrontFactory factory) : SupplierOnboardingTests<StorefrontFactory>(factory);
public class SupplierOnboardingOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierOnboardingTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A person registers, creates a supplier with its licence, and follows its verification.</summary>
public abstract class SupplierOnboardingTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task APersonRegistersACooperativeThatWaitsForVerificationWithItsLicenceKeptPrivately()
    {
        var client = Client();
        var email = await Factory.RegisterAsync(client);
        var home = await client.GetPageAsync("/");
        var join = await client.GetPageAsync(home.Get("#nav-join-supplier").GetAttribute("href")!);
        var licence = TestImages.Png(640, 480);
        var code = SupplierArrange.NewCreditCode();
        var fields = SupplierArrange.ProfileFields(code.ToLowerInvariant());
        var portal = await join.SubmitAsync(client, "#join-form", fields, files: [SupplierArrange.Licence(licence)]);

        Assert.Equal("/supplier", portal.Url!.AbsolutePath);
        Assert.Equal("Pending", portal.Get("#verification").GetAttribute("data-status"));
        Assert.Contains("待审核", portal.Text("#verification-status"));
        Assert.NotNull(portal.Find("#nav-supplier"));

        var stored = await Factory.WithDbAsync(db => db.Suppliers.Include(s => s.Documents).Include(s => s.Members).ThenInclude(m => m.User)
            .SingleAsync(s => s.CreditCode == code));
        Assert.Equal(VerificationStatus.Pending, stored.Status);
        Assert.NotNull(stored.SubmittedAtUtc);
        Assert.Equal(email, Assert.Single(stored.Members, m => m.IsOwner).User.Email);
        Assert.Equal(("永顺农村商业银行", "**** 0123"), (stored.BankName, stored.BankAccountMasked));
        Assert.DoesNotContain("6222021234567890123", stored.BankAccountProtected);
        Assert.Equal(326, stored.BenefitingHouseholds);

        // The licence is in the data folder under a name of the shop's making, not under the web root.
        var document = Assert.Single(stored.Documents);
        Assert.Equal(("image/png", SupplierDocumentKind.BusinessLicence), (document.ContentType, document.Kind));
        var path = Directory.GetFiles(Path.Combine(Factory.DataPath, "documents"), document.StoredName, SearchOption.AllDirectories).Single();
        Assert.Equal(licence, await File.ReadAllBytesAsync(path));
        Assert.False(path.StartsWith(Setup.WebRoot.Locate(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/documents/" + document.StoredName)).StatusCode);

        var profile = await client.GetPageAsync("/supplier/profile");
        Assert.Contains("**** 0123", profile.Text("#bank-account-masked"));
        Assert.DoesNotContain("6222021234567890123", profile.Body);
        Assert.Equal("", profile.Get("#Input_BankAccount").GetAttribute("value") ?? "");
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "Supplier.Submit" && a.SubjectId == stored.Id.ToString())));
    }

    [SkippableFact]
    public async Task TheJoinFormShowsEachMistakeBesideItsFieldAndCreatesNothing()
    {
        var client = Client();
        await Factory.RegisterAsync(client);
        var join = await client.GetPageAsync("/supplier/join");
        var code = SupplierArrange.NewCreditCode();
        var wrongCheck = code[..17] + (code[17] == '0' ? '1' : '0');
        var fields = SupplierArrange.ProfileFields(wrongCheck);
        fields.RemoveAll(f => f.Key is "Input.CountyCode" or "Input.ContactPhone" or "Input.BankAccount");
        fields.AddRange([new("Input.CountyCode", "430104"), new("Input.ContactPhone", "call me"), new("Input.BankAccount", "12AB")]);
        var page = await join.SubmitAsync(client, "#join-form", fields, files: [SupplierArrange.Licence("这不是执照"u8.ToArray(), "执照.pdf")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("校验位不正确", page.Text("[data-valmsg-for='Input.CreditCode']"));
        Assert.Contains("不在脱贫县名单内", page.Text("[data-valmsg-for='Input.CountyCode']"));
        Assert.Contains("有效的电话号码", page.Text("[data-valmsg-for='Input.ContactPhone']"));
        Assert.Contains("只能包含数字", page.Text("[data-valmsg-for='Input.BankAccount']"));
        Assert.Contains("只接受 JPEG、PNG、WebP 图片或 PDF", page.Text("#businessLicence-error"));
        // What was typed stays in the form.
        Assert.Equal("永顺县松柏镇松柏村3组", page.Get("#Input_Address").GetAttribute("value"));
        Assert.False(await Factory.WithDbAsync(db => db.Suppliers.AnyAsync(s => s.CreditCode == wrongCheck)));

        var missing = await join.SubmitAsync(client, "#join-form", SupplierArrange.ProfileFields());
        Assert.Contains("请上传营业执照", missing.Text("#businessLicence-error"));
    }

    [SkippableFact]
    public async Task ACreditCodeAlreadyRegisteredIsRefused()
    {
        var client = Client();
        await Factory.RegisterAsync(client);
        var taken = await Factory.WithDbAsync(db => db.Suppliers.Select(s => s.CreditCode).FirstAsync());
        var join = await client.GetPageAsync("/supplier/join");
        var page = await join.SubmitAsync(client, "#join-form", SupplierArrange.ProfileFields(taken), files: [SupplierArrange.Licence()]);
        Assert.Contains("已有供应商使用此统一社会信用代码注册", page.Text("[data-valmsg-for='Input.CreditCode']"));
        Assert.Contains("请重新选择此文件", page.Text("#businessLicence-error"));
    }

    [SkippableFact]
    public async Task ARejectedSupplierSeesTheReasonCorrectsItsProfileAndResubmits()
    {
        var client = Client();
        await Factory.RegisterAsync(client);
        var code = SupplierArrange.NewCreditCode();
        var join = await client.GetPageAsync("/supplier/join");
        await join.SubmitAsync(client, "#join-form", SupplierArrange.ProfileFields(code), files: [SupplierArrange.Licence()]);
        var id = await Factory.WithDbAsync(db => db.Suppliers.Where(s => s.CreditCode == code).Select(s => s.Id).SingleAsync());

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        var detail = await admin.GetPageAsync($"/admin/suppliers/{id}");
        await detail.SubmitAsync(admin, "#reject-form", [new("Reason", "营业执照照片不清晰，请重新上传。")]);

        var portal = await client.GetPageAsync("/supplier");
        Assert.Equal("Rejected", portal.Get("#verification").GetAttribute("data-status"));
        Assert.Contains("营业执照照片不清晰，请重新上传。", portal.Text("#rejection-reason"));

        var profile = await client.GetPageAsync(portal.Get("#correct-profile").GetAttribute("href")!);
        Assert.Contains("营业执照照片不清晰", profile.Text("#rejection-reason"));
        var resubmitted = await profile.SubmitAsync(client, "#profile-form", [new("Input.Address", "永顺县松柏镇松柏村4组")], submitName: "resubmit", submitValue: "true");
        Assert.Equal("Pending", resubmitted.Get("#verification").GetAttribute("data-status"));

        var supplier = await Factory.WithDbAsync(db => db.Suppliers.SingleAsync(s => s.Id == id));
        Assert.Equal((VerificationStatus.Pending, null, "永顺县松柏镇松柏村4组"), (supplier.Status, supplier.RejectionReason, supplier.Address));
        // The account on file was kept, since no new number was typed.
        Assert.Equal("**** 0123", supplier.BankAccountMasked);
        var actions = await Factory.WithDbAsync(db => db.AuditEntries.Where(a => a.SubjectType == "Supplier" && a.SubjectId == id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["Supplier.Submit", "Supplier.Reject", "Supplier.Resubmit"], actions);
    }

    [SkippableFact]
    public async Task AVerifiedSuppliersIdentityIsFixedButItsContactsCanChange()
    {
        var (id, email) = await Factory.AddSupplierAsync();
        var client = await SignedInClientAsync(email);
        var profile = await client.GetPageAsync("/supplier/profile");
        Assert.NotNull(profile.Find("#identity-fixed"));
        Assert.Null(profile.Find("select#Input_CountyCode"));
        var saved = await profile.SubmitAsync(client, "#profile-form",
            [new("Input.Name", "改名合作社"), new("Input.ContactPhone", "13800138000"), new("Input.BankName", "永顺农商行"),
             new("Input.BankAccount", "6222021234567890999"), new("Input.FarmerLinkDescription", "保底收购")]);
        Assert.Empty(saved.Errors);
        var supplier = await Factory.WithDbAsync(db => db.Suppliers.SingleAsync(s => s.Id == id));
        Assert.NotEqual("改名合作社", supplier.Name);
        Assert.Equal(("13800138000", "**** 0999"), (supplier.ContactPhone, supplier.BankAccountMasked));
    }

    [SkippableFact]
    public async Task SomeoneWhoBelongsToNoSupplierIsSentToJoinAndAnonymousVisitorsToSignIn()
    {
        var anonymous = Factory.CreateClientWithoutRedirects();
        Client();
        var response = await anonymous.GetAsync("/supplier/listings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery);

        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        var page = await buyer.GetPageAsync("/supplier/listings");
        Assert.Equal("/supplier/join", page.Url!.AbsolutePath);
    }
}
