using Storefront.Core.Organisations;
using Storefront.Core.Quotas;

namespace Storefront.Core.Tests.Quotas;

public class FulfilmentTests
{
    [Fact]
    public async Task TheSnapshotGroupsByTypeAndDrillsDownFromProvinceToCountyAndRanksByCompletion()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var data = new QuotaTestData(database.Db); // 1 July 2026: pace is 182/365 of the quota
        var yuelu = await database.Db.AddOrganisationAsync(OrganisationType.School, "430104");
        var kaifu = await database.Db.AddOrganisationAsync(OrganisationType.School, "430105");
        var yongshun = await database.Db.AddOrganisationAsync(OrganisationType.Hospital, "433127");
        var enterprise = await database.Db.AddOrganisationAsync(OrganisationType.StateEnterprise, "430104");
        var unfiled = await database.Db.AddOrganisationAsync(OrganisationType.Agency, "430104");
        await data.ApprovedFilingAsync(yuelu.Id, 2026, 1_000_000);   // quota 100,000
        await data.ApprovedFilingAsync(kaifu.Id, 2026, 2_000_000);   // quota 200,000
        await data.ApprovedFilingAsync(yongshun.Id, 2026, 1_000_000); // quota 100,000
        var at = QuotaTestData.InShanghai(2026, 3, 1);
        await data.Ledger.AppendAsync(new(yuelu.Id, QuotaEntryKind.PaymentConfirmed, 60_000, at, "p1"));
        await data.Ledger.AppendAsync(new(kaifu.Id, QuotaEntryKind.PaymentConfirmed, 40_000, at, "p2"));
        await data.Ledger.AppendAsync(new(yongshun.Id, QuotaEntryKind.PaymentConfirmed, 150_000, at, "p3"));
        await data.Ledger.AppendAsync(new(unfiled.Id, QuotaEntryKind.PaymentConfirmed, 5_000, at, "p4"));
        await database.Db.SaveChangesAsync();

        var snapshot = await new Fulfilment(database.Db, data.Clock).LoadAsync(2026);
        var schools = snapshot.ByType().Single(g => g.Key == nameof(OrganisationType.School));
        Assert.Equal((2, 2, 300_000L, 100_000L, 33.33m), (schools.Organisations, schools.WithQuota, schools.ReservedFen, schools.CountedFen, schools.CompletionRate!.Value));

        var hunan = Assert.Single(snapshot.ByRegion(null));
        Assert.Equal(("430000", 5, 400_000L, 250_000L), (hunan.Key, hunan.Organisations, hunan.ReservedFen, hunan.CountedFen));
        Assert.Equal(["430100", "433100"], snapshot.ByRegion("430000").Select(g => g.Key));
        Assert.Equal(["430104", "430105"], snapshot.ByRegion("430100").Select(g => g.Key));
        Assert.Equal(3, snapshot.InRegion("430104").Count);

        var ranked = Fulfilment.Rank(snapshot.Organisations, Fulfilment.RankBy.Completion, descending: true);
        Assert.Equal([yongshun.Id, yuelu.Id, kaifu.Id], ranked.Select(r => r.OrganisationId));
        Assert.Equal([kaifu.Id, yuelu.Id, yongshun.Id], Fulfilment.Rank(snapshot.Organisations, Fulfilment.RankBy.Amount, descending: false).Select(r => r.OrganisationId));
        // Pace on 1 July is 49.86% of the quota: Yongshun is far ahead (A+), Yuelu ahead (A+ at 120.3%), Kaifu behind (F).
        Assert.Equal([Grade.APlus, Grade.APlus, Grade.F], ranked.Select(r => r.Grade!.Value));
        Assert.Equal([kaifu.Id], snapshot.BehindPace().Select(r => r.OrganisationId));
        Assert.Equal([unfiled.Id], snapshot.WithoutFiling().Select(r => r.OrganisationId));
        Assert.DoesNotContain(snapshot.WithoutFiling(), r => r.OrganisationId == enterprise.Id);
    }
}
