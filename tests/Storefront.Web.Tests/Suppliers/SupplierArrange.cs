using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Core.Catalog;
using Storefront.Core.Data;
using Storefront.Core.Organisations;
using Storefront.Core.People;
using Storefront.Core.Photos;
using Storefront.Core.Suppliers;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Photos;

namespace Storefront.Web.Tests.Suppliers;

/// <summary>Suppliers, listings and forms for the supplier tests: each test makes its own, so tests never share state.</summary>
public static class SupplierArrange
{
    private static int _sequence = Random.Shared.Next(1, 5_000_000);

    public static string NewCreditCode() => UnifiedSocialCreditCode.Complete($"93433127MD{Interlocked.Increment(ref _sequence):D7}");

    public static string NewEmail(string prefix = "coop") => $"{prefix}-{Guid.NewGuid():N}@example.cn";

    /// <summary>A supplier in 永顺县 with an owner who signs in with the demo password.</summary>
    public static async Task<(int SupplierId, string Email)> AddSupplierAsync(this StorefrontFactory factory, VerificationStatus status = VerificationStatus.Verified)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StorefrontUser>>();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var email = NewEmail();
        var user = new StorefrontUser { UserName = email, Email = email, DisplayName = "合作社负责人", EmailConfirmed = true };
        var created = await users.CreateAsync(user, DemoData.Password);
        Assert.True(created.Succeeded);
        var supplier = new Supplier
        {
            Name = $"永顺县测试合作社{Interlocked.Increment(ref _sequence)}",
            Kind = SupplierKind.Cooperative,
            CreditCode = NewCreditCode(),
            CountyCode = "433127",
            Address = "永顺县松柏镇",
            ContactName = "彭秀英",
            ContactPhone = "0743-5281306",
            Status = status,
            CreatedAtUtc = DateTime.UtcNow,
            VerifiedAtUtc = status == VerificationStatus.Verified ? DateTime.UtcNow : null,
        };
        supplier.Members.Add(new SupplierMember { UserId = user.Id, IsOwner = true, JoinedAtUtc = DateTime.UtcNow });
        db.Suppliers.Add(supplier);
        await db.SaveChangesAsync();
        return (supplier.Id, email);
    }

    public static ListingInput TeaInput(StorefrontDbContext db, string title) => new(
        title, db.Categories.Single(c => c.Slug == "tea").Id, "433127", "盒", "250g/盒", 10,
        [new PriceTier(10, 6800), new PriceTier(50, 6460)], 100, 2, null, "高山莓茶");

    /// <summary>A listing of the supplier, published unless asked otherwise, with one photo when asked.</summary>
    public static async Task<int> AddListingAsync(this StorefrontFactory factory, int supplierId, bool published = true, string? title = null, bool withPhoto = false)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StorefrontDbContext>();
        var listing = await scope.ServiceProvider.GetRequiredService<ListingEditor>().CreateAsync(supplierId, TeaInput(db, title ?? $"测试莓茶 {Guid.NewGuid():N}"[..14]));
        if (withPhoto)
        {
            var photo = await scope.ServiceProvider.GetRequiredService<IPhotoProcessor>().ProcessAsync(new MemoryStream(TestImages.Jpeg()));
            await scope.ServiceProvider.GetRequiredService<ListingPhotoAlbum>().AddAsync(listing, photo, listing.Title);
        }
        if (published)
        {
            listing.Publish(supplierMaySell: true, reviewRequired: false, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        return listing.Id;
    }

    /// <summary>The fields of a complete profile form, with a credit code no supplier has.</summary>
    public static List<KeyValuePair<string, string>> ProfileFields(string? creditCode = null, string name = "永顺县松柏莓茶种植合作社") =>
    [
        new("Input.Name", name),
        new("Input.Kind", nameof(SupplierKind.Cooperative)),
        new("Input.CreditCode", creditCode ?? NewCreditCode()),
        new("Input.CountyCode", "433127"),
        new("Input.Address", "永顺县松柏镇松柏村3组"),
        new("Input.ContactName", "彭秀英"),
        new("Input.ContactPhone", "0743-5281306"),
        new("Input.BankName", "永顺农村商业银行"),
        new("Input.BankAccount", "6222 0212 3456 7890 123"),
        new("Input.FarmerLinkDescription", "保底收购，年底按交售量二次分红。"),
        new("Input.BenefitingHouseholds", "326"),
    ];

    public static (string Name, string FileName, byte[] Content, string ContentType) Licence(byte[]? content = null, string fileName = "营业执照.png") =>
        ("businessLicence", fileName, content ?? TestImages.Png(640, 480), "image/png");

    /// <summary>Registers a new account through the form and confirms it from the mail; the client is then signed in.</summary>
    public static async Task<string> RegisterAsync(this StorefrontFactory factory, HttpClient client, string? email = null)
    {
        email ??= NewEmail("person");
        var page = await factory.RegisterAndSignInAsync(client, email, "cooperative2026", "彭秀英");
        Assert.NotNull(page.Find("#sign-out"));
        return email;
    }

    /// <summary>Posts to a handler as a form of the signed-in person would, with their antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var page = await client.GetPageAsync("/supplier");
        var token = page.Get("form input[name='__RequestVerificationToken']").GetAttribute("value")!;
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields ?? [], new("__RequestVerificationToken", token)]));
    }

    public static Task<int> SupplierIdAsync(this StorefrontFactory factory, string name) =>
        factory.WithDbAsync(db => db.Suppliers.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
}
