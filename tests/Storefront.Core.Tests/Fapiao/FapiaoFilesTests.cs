using System.IO.Compression;
using Storefront.Core.Fapiao;

namespace Storefront.Core.Tests.Fapiao;

public class FapiaoFilesTests
{
    public static byte[] Pdf() => "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    /// <summary>An OFD package as the tax system issues it: a ZIP with OFD.xml at its root and the document beside it.</summary>
    public static byte[] Ofd(string entry = "OFD.xml")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\"/>");
            using (var writer = new StreamWriter(zip.CreateEntry("Doc_0/Document.xml").Open())) writer.Write("<ofd:Document/>");
        }
        return buffer.ToArray();
    }

    [Fact]
    public void APdfAndAnOfdAreRecognisedByTheirBytes()
    {
        Assert.Equal(FapiaoFiles.Pdf, FapiaoFiles.Detect(Pdf()));
        Assert.Equal(FapiaoFiles.Ofd, FapiaoFiles.Detect(Ofd()));
    }

    [Fact]
    public void AZipWithoutOfdXmlACutOffPdfAndAnythingElseAreRefused()
    {
        Assert.Null(FapiaoFiles.Detect(Ofd(entry: "word/document.xml")));
        Assert.Null(FapiaoFiles.Detect(Pdf()[..40]));
        Assert.Null(FapiaoFiles.Detect("PK\u0003\u0004 not really a zip"u8.ToArray()));
        Assert.Null(FapiaoFiles.Detect("<html><script>alert(1)</script></html>"u8.ToArray()));
        Assert.Null(FapiaoFiles.Detect([0xFF, 0xD8, 0xFF, 0xE0]));
    }

    [Fact]
    public async Task AnUploadIsReadUpToItsLimitAndNamedByTheTypeFound()
    {
        var (upload, problem) = await FapiaoFiles.ReadAsync(new MemoryStream(Ofd()), "C:\\发票\\fapiao.pdf");
        Assert.Equal(FapiaoFiles.Problem.None, problem);
        Assert.Equal("fapiao.ofd", upload!.FileName);
        Assert.Equal(FapiaoFiles.Problem.TooLarge, (await FapiaoFiles.ReadAsync(new MemoryStream(new byte[FapiaoFiles.MaxBytes + 1]), "big.pdf")).Problem);
        Assert.Equal(FapiaoFiles.Problem.Empty, (await FapiaoFiles.ReadAsync(new MemoryStream(), "empty.pdf")).Problem);
    }
}
