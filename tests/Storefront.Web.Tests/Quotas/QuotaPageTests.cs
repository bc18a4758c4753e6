using Microsoft.EntityFrameworkCore;
using Storefront.Core.Money;
using Storefront.Core.Organisations;
using Storefront.Core.Quotas;
using Storefront.Web.Demo;
using Storefront.Web.Tests.Ordering;
using static Storefront.Web.Tests.Quotas.QuotaSteps;

namespace Storefront.Web.Tests.Quotas;

public class QuotaPageOnSqlite(StorefrontFactory factory) : QuotaPageTests<StorefrontFactory>(factory);
public class QuotaPageOnPostgreSql(PostgreSqlStorefrontFactory factory) : QuotaPageTests<PostgreSqlStorefrontFactory>(factory);

/// <summary>What /quota shows of a canteen shared between organisations, on both databases.</summary>
public abstract class QuotaPageTests<TFactory>(TFactory factory) : DatabaseTests<TFactory>(factory) where TFactory : StorefrontFactory
{
    private static int _sequence;

    private int ThisYear => ShanghaiTime.YearOf(DateTime.UtcNow);

    [SkippableFact]
    public async Task AHostCountsAndListsTheEntriesOfThoseSharingItsCanteenWhileASharerSeesOnlyItsOwnAndCountsNothing()
    {
        Factory.RequireDatabase();
        var buyer = DemoData.MemberEmail("school", "buyer");
        var n = Interlocked.Increment(ref _sequence);
        var (host, sharer) = (await Factory.NewOrganisationAsync($"共用食堂测试主单位{n}", buyer), await Factory.NewOrganisationAsync($"共用食堂测试单位{n}", buyer));
        await Factory.WithDbAsync(async db =>
        {
            db.CanteenFilings.Add(ApprovedFiling(host, ThisYear, FilingKind.Canteen, reservedFen: 1_000_000, sharedWith: null));
            db.CanteenFilings.Add(ApprovedFiling(sharer, ThisYear, FilingKind.SharesCanteen, reservedFen: 0, sharedWith: host));
            // The host: ¥100.00 in January and ¥50.00 in March; the sharer: 25 entries of ¥10.00 in February.
            db.QuotaEntries.Add(Payment(host, $"host-{n}-jan", 10_000, new DateTime(ThisYear, 1, 15, 10, 0, 0)));
            db.QuotaEntries.Add(Payment(host, $"host-{n}-mar", 5_000, new DateTime(ThisYear, 3, 15, 10, 0, 0)));
            for (var day = 1; day <= 25; day++)
                db.QuotaEntries.Add(Payment(sharer, $"sharer-{n}-feb-{day}", 1_000, new DateTime(ThisYear, 2, day, 10, 0, 0)));
            await db.SaveChangesAsync();
        });
        var client = await SignedInClientAsync(buyer);

        var first = await client.GetPageAsync($"/quota?organisation={host}");
        Assert.Equal("¥400.00", first.Text("#quota-counted"));
        Assert.Equal("共 27 笔", first.Text("#quota-entries caption"));
        Assert.Equal(25, first.All("#quota-entries tbody tr").Count);
        Assert.Equal($"host-{n}-mar", first.All("#quota-entries tbody tr")[0].GetAttribute("data-source"));
        Assert.Equal($"共用食堂测试单位{n}", first.All("#quota-entries tbody tr")[1].Children.Last().TextContent.Trim());
        Assert.Equal(["¥100.00", "¥250.00", "¥50.00"], first.All("#quota-year-table tbody tr").Take(3).Select(r => r.Children[1].TextContent.Trim()));
        var second = await client.GetPageAsync($"/quota?organisation={host}&p=2");
        Assert.Equal([$"sharer-{n}-feb-1", $"host-{n}-jan"], second.All("#quota-entries tbody tr").Select(r => r.GetAttribute("data-source")));
        // Past the last page: no rows, and still the count of them all.
        var past = await client.GetPageAsync($"/quota?organisation={host}&p=9");
        Assert.Equal("共 27 笔", past.Text("#quota-entries caption"));
        Assert.NotNull(Assert.Single(past.All("#quota-entries tbody tr")).QuerySelector("td.empty"));

        var shares = await client.GetPageAsync($"/quota?organisation={sharer}");
        Assert.Equal("¥0.00", shares.Text("#quota-counted"));
        Assert.Contains($"共用食堂测试主单位{n}", shares.Text("#quota-shares"));
        Assert.Equal("共 25 笔", shares.Text("#quota-entries caption"));
        Assert.All(shares.All("#quota-entries tbody tr"), r => Assert.StartsWith($"sharer-{n}-", r.GetAttribute("data-source")));
        Assert.Equal(["¥0.00", "¥250.00", "¥0.00"], shares.All("#quota-year-table tbody tr").Take(3).Select(r => r.Children[1].TextContent.Trim()));
    }
}
