using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Photos;

namespace Storefront.Web.Tests.Suppliers;

public class SupplierDocumentsOnSqlite(StorefrontFactory factory) : SupplierDocumentsTests<StorefrontFactory>(factory);
public class SupplierDocumentsOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierDocumentsTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>Licences are served only to the supplier's members and to admins, through the authorised handler.</summary>
public abstract class SupplierDocumentsTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private async Task<(HttpClient Owner, int DocumentId, byte[] Content)> UploadAsync(byte[] content, string fileName)
    {
        var (_, email) = await Factory.AddSupplierAsync();
        var owner = await SignedInClientAsync(email);
        var page = await owner.GetPageAsync("/supplier/documents");
        var uploaded = await page.SubmitAsync(owner, "#upload-form", [new("Kind", "FoodProductionLicence")], files: [("file", fileName, content, "application/octet-stream")]);
        Assert.Contains("已上传", uploaded.Text(".flash"));
        var link = uploaded.Get("#documents a.document-link");
        return (owner, int.Parse(link.GetAttribute("href")!.Split('/')[^1]), content);
    }

    [SkippableFact]
    public async Task TheSuppliersMembersAndAdminsOpenADocumentAndNobodyElse()
    {
        var pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        var (owner, id, content) = await UploadAsync(pdf, "食品生产许可证.pdf");

        var response = await owner.GetAsync($"/supplier/documents/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        // A PDF is downloaded, never shown on the shop's origin; nothing caches it.
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());

        var admin = await SignedInClientAsync(DemoData.AdminEmail);
        Assert.Equal(content, await admin.GetByteArrayAsync($"/supplier/documents/{id}"));

        var (_, otherEmail) = await Factory.AddSupplierAsync();
        var other = await SignedInClientAsync(otherEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/supplier/documents/{id}")).StatusCode);
        var buyer = await SignedInClientAsync(DemoData.MemberEmail("school", "buyer"));
        Assert.Equal(HttpStatusCode.NotFound, (await buyer.GetAsync($"/supplier/documents/{id}")).StatusCode);
        var anonymous = Factory.CreateClientWithoutRedirects();
        var redirect = await anonymous.GetAsync($"/supplier/documents/{id}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/account/sign-in", redirect.Headers.Location!.PathAndQuery);

        // Another supplier cannot delete it either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/supplier/documents?handler=Delete&id={id}")).StatusCode);
        Assert.True(await Factory.WithDbAsync(db => db.SupplierDocuments.AnyAsync(d => d.Id == id)));
    }

    [SkippableFact]
    public async Task AnImageIsShownInlineByTheTypeFoundInItsBytes()
    {
        var (owner, id, _) = await UploadAsync(TestImages.Jpeg(), "licence.pdf");
        var response = await owner.GetAsync($"/supplier/documents/{id}");
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("licence.jpg", await Factory.WithDbAsync(db => db.SupplierDocuments.Where(d => d.Id == id).Select(d => d.FileName).SingleAsync()));
    }

    [SkippableFact]
    public async Task AnUploadThatIsNotAnImageOrPdfIsRefusedWithAMessage()
    {
        var (_, email) = await Factory.AddSupplierAsync();
        var owner = await SignedInClientAsync(email);
        var page = await owner.GetPageAsync("/supplier/documents");
        var html = await page.SubmitAsync(owner, "#upload-form", files: [("file", "licence.png", "<html><script>alert(1)</script></html>"u8.ToArray(), "image/png")]);
        Assert.Equal(HttpStatusCode.OK, html.Status);
        Assert.Contains("只接受 JPEG、PNG、WebP 图片或 PDF", html.Text("#file-error"));
        var large = await page.SubmitAsync(owner, "#upload-form", files: [("file", "big.pdf", new byte[10 * 1024 * 1024 + 1], "application/pdf")]);
        Assert.Contains("超过 10 MB", large.Text("#file-error"));
        Assert.Null(large.Find("#documents"));
    }

    [SkippableFact]
    public async Task AnImageBombAPolyglotOrADamagedImageIsRefusedAsAPhotoWouldBe()
    {
        var (supplierId, email) = await Factory.AddSupplierAsync();
        var owner = await SignedInClientAsync(email);
        var page = await owner.GetPageAsync("/supplier/documents");
        var damaged = TestImages.Jpeg();

        var bomb = await page.SubmitAsync(owner, "#upload-form", files: [("file", "licence.png", TestImages.PngDeclaring(50_000, 50_000), "image/png")]);
        var polyglot = await page.SubmitAsync(owner, "#upload-form", files: [("file", "licence.jpg", TestImages.HtmlJpegPolyglot(), "image/jpeg")]);
        var cut = await page.SubmitAsync(owner, "#upload-form", files: [("file", "licence.jpg", damaged[..(damaged.Length / 2)], "image/jpeg")]);

        Assert.Equal("图片尺寸过大（最多 12000 像素边长、4000 万像素），请缩小后再上传。", bomb.Text("#file-error"));
        Assert.Equal("图片中夹带了网页或脚本代码，无法接受；请重新导出图片后上传。", polyglot.Text("#file-error"));
        Assert.Equal("图片文件已损坏或不完整，无法读取。", cut.Text("#file-error"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.SupplierDocuments.CountAsync(d => d.SupplierId == supplierId)));
    }

    [SkippableFact]
    public async Task TheOwnerDeletesADocumentAndItsFileGoes()
    {
        var (owner, id, _) = await UploadAsync(TestImages.Png(), "licence.png");
        var stored = await Factory.WithDbAsync(db => db.SupplierDocuments.Where(d => d.Id == id).Select(d => d.StoredName).SingleAsync());
        var page = await owner.GetPageAsync("/supplier/documents");
        var deleted = await page.SubmitAsync(owner, $"#documents tr[data-document-id='{id}'] form");
        Assert.Contains("已删除", deleted.Text(".flash"));
        Assert.Empty(Directory.GetFiles(Path.Combine(Factory.DataPath, "documents"), stored, SearchOption.AllDirectories));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/supplier/documents/{id}")).StatusCode);
    }
}
