using Microsoft.EntityFrameworkCore;
using Storefront.Web.Demo;

namespace Storefront.Web.Tests.Suppliers;

public class SupplierPlatform832StatusOnSqlite(StorefrontFactory factory) : SupplierPlatform832StatusTests<StorefrontFactory>(factory);
public class SupplierPlatform832StatusOnPostgreSql(PostgreSqlStorefrontFactory factory) : SupplierPlatform832StatusTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>A supplier on the 832 platform sees each listing's standing there beside its status.</summary>
public abstract class SupplierPlatform832StatusTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    [SkippableFact]
    public async Task ListingsOfASupplierWithAn832CodeShowTheirStandingThere()
    {
        var client = await SignedInClientAsync(DemoData.SupplierEmail("guzhang"));
        var before = await client.GetPageAsync("/supplier/listings");
        Assert.Empty(before.All(".p832-status"));

        await Factory.WithDbAsync(async db =>
        {
            var supplier = await db.Suppliers.SingleAsync(s => s.Name == "古丈县毛尖茶叶专业合作社");
            supplier.Platform832Code = "S433126-GZ";
            await db.SaveChangesAsync();
        });
        var after = await client.GetPageAsync("/supplier/listings");
        var statuses = after.All("tr[data-listing-id] .p832-status");
        Assert.Equal(after.All("tr[data-listing-id]").Count, statuses.Count);
        Assert.All(statuses, s => Assert.StartsWith("832:", s.TextContent.Trim()));
    }
}
