using Storefront.Core.Organisations;
using Storefront.Web.Tests.Infrastructure;
using Storefront.Web.Tests.Ordering;
using Storefront.Web.Tests.Suppliers;

namespace Storefront.Web.Tests.Security;

/// <summary>
/// The uploads of the security probe, through the pages a buyer (quick order) and a supplier (listing import) use:
/// each is refused with a message that says why, and the shop allocates far less than the file unpacks to.
/// </summary>
public class SpreadsheetUploadTests(StorefrontFactory factory) : IClassFixture<StorefrontFactory>
{
    public static TheoryData<string, string> QuickOrderRefusals() => new()
    {
        { "one cell of 100 million characters", "表格解压后超过 20 MB，请拆分成几个文件上传。" },
        { "four million rows", "表格解压后超过 20 MB，请拆分成几个文件上传。" },
        { "rows 16,384 columns wide", "表格最多 100 列。" },
        { "a 5 MB CSV of short lines", "一次最多 500 行。" },
        { "a 5 MB CSV of one line of empty fields", "表格最多 100 列。" },
        { "a cell of 20,000 characters", "有单元格超过 10000 个字符，请删减后再上传。" },
    };

    [Theory]
    [MemberData(nameof(QuickOrderRefusals))]
    public async Task AQuickOrderUploadThatWouldExhaustMemoryIsRefusedWithItsReason(string bomb, string message)
    {
        var buyer = factory.CreateClient();
        await buyer.SignInAsync(await factory.NewMemberAsync(OrderingSteps.School, OrganisationRoles.Buyer));
        var page = await buyer.GetPageAsync("/cart/quick-order");
        var file = TableFilesTests.Bomb(bomb);

        var (refused, allocated) = await AllocatedWhileAsync(() =>
            page.SubmitAsync(buyer, "#quick-order-upload", files: [("file", "订单.xlsx", file, "application/octet-stream")]));

        Assert.Equal(message, refused.Text("#upload-error"));
        Assert.Null(refused.Find("#quick-order-summary"));
        Assert.True(allocated < 96 * 1024 * 1024, $"{bomb}: {allocated / 1024 / 1024} MB allocated");
    }

    [Theory]
    [InlineData("one cell of 100 million characters", "表格解压后超过 20 MB，请拆分成几个文件上传。")]
    [InlineData("rows 16,384 columns wide", "表格最多 100 列。")]
    [InlineData("a 5 MB CSV of one line of empty fields", "表格最多 100 列。")]
    public async Task AListingImportThatWouldExhaustMemoryIsRefusedWithItsReason(string bomb, string message)
    {
        var (_, email) = await factory.AddSupplierAsync();
        var supplier = factory.CreateClient();
        await supplier.SignInAsync(email);
        var page = await supplier.GetPageAsync("/supplier/listings/import");
        var file = TableFilesTests.Bomb(bomb);

        var (refused, allocated) = await AllocatedWhileAsync(() =>
            page.SubmitAsync(supplier, "#import-form", files: [("file", "listings.xlsx", file, "application/octet-stream")]));

        Assert.Equal(message, refused.Text("#import-error"));
        Assert.True(allocated < 96 * 1024 * 1024, $"{bomb}: {allocated / 1024 / 1024} MB allocated");
    }

    /// <summary>
    /// Bytes allocated by the whole process while the request ran: other tests running meanwhile add a little, which the
    /// bound leaves room for; the bombs unpack to hundreds of megabytes.
    /// </summary>
    private static async Task<(T Result, long Allocated)> AllocatedWhileAsync<T>(Func<Task<T>> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await work();
        return (result, GC.GetTotalAllocatedBytes(precise: true) - before);
    }
}
