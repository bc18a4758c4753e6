using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Storefront.Core.Auditing;
using Storefront.Core.Catalog;
using Storefront.Core.Organisations;
using Storefront.Core.Regions;
using Storefront.Core.Suppliers;

namespace Storefront.Core.Tests.Suppliers;

public class SupplierTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static Supplier New() => new() { Name = "合作社", CreditCode = UnifiedSocialCreditCode.Complete("93433127MA0000001"), CountyCode = "433127" };

    [Fact]
    public void FollowsTheVerificationLifecycle()
    {
        var supplier = New();
        Assert.True(supplier.Submit(Now));
        Assert.False(supplier.Suspend("x", Now));
        Assert.False(supplier.Reject(" "));
        Assert.True(supplier.Reject("营业执照不清晰"));
        Assert.Equal((VerificationStatus.Rejected, "营业执照不清晰"), (supplier.Status, supplier.RejectionReason));
        Assert.False(supplier.Approve(Now));

        Assert.True(supplier.Submit(Now.AddDays(1)));
        Assert.Equal((VerificationStatus.Pending, null, Now.AddDays(1)), (supplier.Status, supplier.RejectionReason, supplier.SubmittedAtUtc));
        Assert.True(supplier.Approve(Now.AddDays(2)));
        Assert.True(supplier.MaySell);
        Assert.False(supplier.Submit(Now));

        Assert.True(supplier.Suspend("食品安全抽检不合格", Now.AddDays(3)));
        Assert.False(supplier.MaySell);
        Assert.Equal("食品安全抽检不合格", supplier.SuspensionReason);
        Assert.True(supplier.Reinstate(Now.AddDays(4)));
        Assert.Equal((VerificationStatus.Verified, null), (supplier.Status, supplier.SuspensionReason));
    }

    [Theory]
    [InlineData("6222 0212 3456 7890 123", "6222021234567890123", BankAccounts.Problem.None)]
    [InlineData("６２２２-０２１２-３４５６", "622202123456", BankAccounts.Problem.None)]
    [InlineData("1234567", "1234567", BankAccounts.Problem.WrongLength)]
    [InlineData("6222O2123456", "6222O2123456", BankAccounts.Problem.NotDigits)]
    [InlineData("  ", "", BankAccounts.Problem.Empty)]
    public void ReadsABankAccountNumberAsPeopleTypeIt(string typed, string normalized, BankAccounts.Problem problem)
    {
        Assert.Equal(normalized, BankAccounts.Normalize(typed));
        Assert.Equal(problem, BankAccounts.Check(normalized));
    }

    [Fact]
    public void KeepsTheBankAccountEncryptedAndShowsItMasked()
    {
        var accounts = new BankAccounts(new EphemeralDataProtectionProvider());
        var supplier = New();
        accounts.Set(supplier, "6222021234567890123");
        Assert.DoesNotContain("6222021234567890123", supplier.BankAccountProtected);
        Assert.Equal("**** 0123", supplier.BankAccountMasked);
        Assert.Equal("6222021234567890123", accounts.Reveal(supplier));
        // Keys of another application (or lost keys) cannot read it, and say so instead of throwing.
        Assert.Null(new BankAccounts(new EphemeralDataProtectionProvider()).Reveal(supplier));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    public void RecognisesADocumentByItsBytes(byte[] bytes, string type) =>
        Assert.Equal(type, SupplierDocuments.Detect(bytes)!.ContentType);

    [Fact]
    public void AcceptsACompletePdfAndRefusesACutOneTextAndHtml()
    {
        Assert.Equal("application/pdf", SupplierDocuments.Detect("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"u8)!.ContentType);
        Assert.Null(SupplierDocuments.Detect("%PDF-1.4\n1 0 obj\n<<>>"u8));
        Assert.Null(SupplierDocuments.Detect("营业执照"u8));
        Assert.Null(SupplierDocuments.Detect("<html><script>alert(1)</script>"u8));
        Assert.Null(SupplierDocuments.Detect("GIF89a......"u8));
    }

    [Theory]
    [InlineData("C:\\Users\\me\\营业执照.jpg", ".pdf", "营业执照.pdf")]
    [InlineData("../../etc/passwd", ".png", "passwd.png")]
    [InlineData("", ".jpg", "document.jpg")]
    public void NamesAnUploadWithoutItsFoldersAndWithItsRealType(string uploaded, string extension, string expected) =>
        Assert.Equal(expected, SupplierDocuments.DisplayName(uploaded, extension));

    [Theory]
    [InlineData("0743-5281306", true)]
    [InlineData("13800138000", true)]
    [InlineData("+86 (743) 528 1306", true)]
    [InlineData("123456", false)]
    [InlineData("call me", false)]
    public void ChecksAPhoneNumberLoosely(string phone, bool valid) => Assert.Equal(valid, SupplierProfiles.PhoneLooksValid(phone));

    private static SupplierProfile Profile(string creditCode, string county = "433127", string? bank = "6222021234567890123") => new(
        "永顺县测试合作社", SupplierKind.Cooperative, creditCode, county, "永顺县松柏镇", "彭秀英", "0743-5281306", "永顺县农商行", bank, "保底收购", 120);

    [Fact]
    public async Task AProfileNeedsAValidUnusedCreditCodeADesignatedCountyAndABankAccount()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        await db.DesignateAsync("433127");
        var existing = await db.AddSupplierAsync();
        var profiles = new SupplierProfiles(db, new DesignatedCounties(db, TimeProvider.System), new BankAccounts(new EphemeralDataProtectionProvider()));

        var valid = UnifiedSocialCreditCode.Complete("93433127MA1234567");
        Assert.Empty(await profiles.CheckAsync(Profile($" {valid.ToLowerInvariant()} "), existing: null));

        var wrongCheck = valid[..17] + (valid[17] == '0' ? '1' : '0');
        Assert.Equal([new SupplierProfileProblem(SupplierProfileField.CreditCode, "CreditCode.WrongCheckCharacter")], await profiles.CheckAsync(Profile(wrongCheck), null));
        Assert.Equal([new SupplierProfileProblem(SupplierProfileField.CreditCode, "CreditCode.Taken")], await profiles.CheckAsync(Profile(existing.CreditCode), null));
        // The supplier's own code is not "taken"; without a new number, an account on file is kept.
        new BankAccounts(new EphemeralDataProtectionProvider()).Set(existing, "6222021234567890123");
        Assert.Empty(await profiles.CheckAsync(Profile(existing.CreditCode, bank: null), existing));

        var problems = await profiles.CheckAsync(Profile(valid, county: "430104", bank: null), null);
        Assert.Contains(new SupplierProfileProblem(SupplierProfileField.CountyCode, "County.NotDesignated"), problems);
        Assert.Contains(new SupplierProfileProblem(SupplierProfileField.BankAccount, "BankAccount.Empty"), problems);
    }

    [Fact]
    public async Task SuspendingRaisesTheRevisionOfPublishedListingsAndEveryDecisionIsAudited()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var supplier = await db.AddSupplierAsync();
        var published = await db.AddListingAsync(supplier);
        var draft = await db.AddListingAsync(supplier, ListingStatus.Draft);
        var verification = new SupplierVerification(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);

        Assert.False(await verification.DecideAsync(supplier, SupplierVerification.Decision.Approve, null, "admin", "管理员"));
        Assert.True(await verification.DecideAsync(supplier, SupplierVerification.Decision.Suspend, "抽检不合格", "admin", "管理员"));
        await db.SaveChangesAsync();
        Assert.Equal((2, 1), (published.Revision, draft.Revision));

        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal(("Supplier.Suspend", "抽检不合格", supplier.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "管理员"),
            (entry.Action, entry.Reason, entry.SubjectId, entry.ActorName));
    }

    [Fact]
    public async Task An832SupplierCodeBelongsToOneSupplier()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var first = await db.AddSupplierAsync();
        var second = await db.AddSupplierAsync();
        var verification = new SupplierVerification(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);
        Assert.Equal(SupplierVerification.CodeProblem.None, await verification.SetPlatform832CodeAsync(first, "S433127001", "admin", "管理员"));
        await db.SaveChangesAsync();
        Assert.Equal(SupplierVerification.CodeProblem.Taken, await verification.SetPlatform832CodeAsync(second, " S433127001 ", "admin", "管理员"));
        Assert.Equal(SupplierVerification.CodeProblem.Malformed, await verification.SetPlatform832CodeAsync(second, "S43 3127", "admin", "管理员"));
        Assert.Null(second.Platform832Code);

        // The database keeps the rule too, should two admins record the same code at once.
        second.Platform832Code = "S433127001";
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task RecordingAn832CodeQueuesTheSuppliersPublishedListingsForTheNextSync()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var supplier = await db.AddSupplierAsync();
        var published = await db.AddListingAsync(supplier);
        var draft = await db.AddListingAsync(supplier, ListingStatus.Draft);
        db.ListingSyncJobs.RemoveRange(db.ListingSyncJobs);
        await db.SaveChangesAsync();
        var verification = new SupplierVerification(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);

        Assert.Equal(SupplierVerification.CodeProblem.None, await verification.SetPlatform832CodeAsync(supplier, "S433127001", "admin", "管理员"));
        await db.SaveChangesAsync();

        Assert.Equal([published.Id], await db.ListingSyncJobs.Select(j => j.ListingId).ToListAsync());
        Assert.Equal((2, 1), (published.Revision, draft.Revision));
    }
}
