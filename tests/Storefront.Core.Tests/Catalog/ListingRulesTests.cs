using Microsoft.EntityFrameworkCore;
using Storefront.Core.Catalog;
using Storefront.Core.Regions;

namespace Storefront.Core.Tests.Catalog;

public class ListingRulesTests
{
    private static readonly Category Tea = new() { Code = "0503", Name = "茶叶", NameEn = "Tea", Slug = "tea", ParentCode = "05" };
    private static readonly Category TeaGroup = new() { Code = "05", Name = "茶饮", NameEn = "Tea & drinks", Slug = "tea-drinks" };

    private static ListingInput Input(int moq = 10, params PriceTier[] tiers) => new(
        "永顺莓茶 250g", 1, "433127", "盒", "250g/盒", moq, tiers.Length > 0 ? tiers : [new PriceTier(10, 6800), new PriceTier(50, 6460)],
        100, 2, null, "");

    private static IReadOnlyList<ListingProblem> Check(ListingInput input, Category? category = null, DesignatedCounties.Verdict verdict = DesignatedCounties.Verdict.Designated) =>
        ListingEditor.Check(input, category ?? Tea, verdict);

    [Fact]
    public void AcceptsACompleteListingFromADesignatedCounty() => Assert.Empty(Check(Input()));

    [Fact]
    public void RequiresTitleUnitAndSpecAndLimitsTheirLength()
    {
        var problems = Check(Input() with { Title = " ", Unit = "", Spec = new string('规', Listing.SpecMaxLength + 1) });
        Assert.Contains(new ListingProblem(ListingField.Title, "Required"), problems);
        Assert.Contains(new ListingProblem(ListingField.Unit, "Required"), problems);
        Assert.Contains(new ListingProblem(ListingField.Spec, "TooLong", Limit: Listing.SpecMaxLength), problems);
    }

    [Fact]
    public void RefusesACategoryGroupAndAnUnknownCategory()
    {
        Assert.Contains(new ListingProblem(ListingField.Category, "NotLeaf"), Check(Input(), TeaGroup));
        Assert.Contains(new ListingProblem(ListingField.Category, "Unknown"), ListingEditor.Check(Input(), null, DesignatedCounties.Verdict.Designated));
    }

    [Theory]
    [InlineData(DesignatedCounties.Verdict.NotDesignated)]
    [InlineData(DesignatedCounties.Verdict.NotACounty)]
    [InlineData(DesignatedCounties.Verdict.UnknownCode)]
    public void RefusesAnOriginThatIsNotADesignatedCounty(DesignatedCounties.Verdict verdict) =>
        Assert.Equal([new ListingProblem(ListingField.OriginCounty, verdict.ToString())], Check(Input(), verdict: verdict));

    [Fact]
    public void ReportsEachTierProblemWithTheTierItConcerns()
    {
        var problems = Check(Input(10, new PriceTier(5, 6800), new PriceTier(5, 6900)));
        Assert.Contains(new ListingProblem(ListingField.Tiers, "FirstTierNotAtMinimumOrder", 0), problems);
        Assert.Contains(new ListingProblem(ListingField.Tiers, "QuantityNotIncreasing", 1), problems);
        Assert.Contains(new ListingProblem(ListingField.Tiers, "PriceIncreases", 1), problems);
    }

    [Fact]
    public void RefusesNegativeStockAZeroMinimumOrderAndAnUnlikelyLeadTime()
    {
        var problems = Check(Input(0, new PriceTier(0, 100)) with { Stock = -1, LeadTimeDays = 400 });
        Assert.Contains(new ListingProblem(ListingField.Stock, "Negative"), problems);
        Assert.Contains(new ListingProblem(ListingField.MinOrderQuantity, "NotPositive"), problems);
        Assert.Contains(new ListingProblem(ListingField.LeadTimeDays, "OutOfRange", Limit: 365), problems);
    }

    private static Listing NewListing()
    {
        var listing = Listing.Create(1, Input(), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, listing.Revision);
        return listing;
    }

    private static readonly DateTime Later = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AChangeThePlatformSeesRaisesTheRevision()
    {
        var listing = NewListing();
        Assert.True(listing.Apply(Input() with { Title = "永顺莓茶 芽尖 250g" }, Later));
        Assert.Equal(2, listing.Revision);
        Assert.Equal(Later, listing.UpdatedAtUtc);
        Assert.True(listing.Apply(Input() with { Title = "永顺莓茶 芽尖 250g", Tiers = [new PriceTier(10, 6600), new PriceTier(50, 6460)] }, Later));
        Assert.Equal(3, listing.Revision);
        Assert.Equal(6600, listing.BasePriceFen);
    }

    [Fact]
    public void SavingTheSameContentOrOnlyWhatThePlatformDoesNotReceiveKeepsTheRevision()
    {
        var listing = NewListing();
        Assert.False(listing.Apply(Input(), Later));
        // The lead time and the tiers above the first are not part of what the 832 platform receives.
        Assert.False(listing.Apply(Input() with { LeadTimeDays = 7, Tiers = [new PriceTier(10, 6800), new PriceTier(100, 6000)] }, Later));
        Assert.Equal(1, listing.Revision);
        Assert.Equal(6000, listing.LowestPriceFen);
    }

    [Fact]
    public void AStockCountRaisesTheRevisionOnlyWhenItChanges()
    {
        var listing = NewListing();
        Assert.False(listing.SetStock(100, Later));
        Assert.True(listing.SetStock(80, Later));
        Assert.Equal((80, 2), (listing.Stock, listing.Revision));
    }

    [Fact]
    public void AnUnverifiedOrSuspendedSupplierCannotPublish()
    {
        var listing = NewListing();
        Assert.Equal(Listing.PublishOutcome.SupplierMayNotSell, listing.Publish(supplierMaySell: false, reviewRequired: false, Later));
        Assert.Equal(ListingStatus.Draft, listing.Status);
        Assert.Equal(1, listing.Revision);
    }

    [Fact]
    public void PublishingAndUnpublishingRaiseTheRevisionBecauseThePlatformListsAndDelists()
    {
        var listing = NewListing();
        Assert.Equal(Listing.PublishOutcome.Published, listing.Publish(true, false, Later));
        Assert.Equal((ListingStatus.Published, 2, Later), (listing.Status, listing.Revision, listing.PublishedAtUtc!.Value));
        Assert.Equal(Listing.PublishOutcome.NotAllowed, listing.Publish(true, false, Later));
        Assert.True(listing.Unpublish(Later));
        Assert.Equal(3, listing.Revision);
        Assert.True(listing.Delete(Later));
        Assert.Equal((ListingStatus.Deleted, 3), (listing.Status, listing.Revision));
        Assert.Equal(Listing.PublishOutcome.NotAllowed, listing.Publish(true, false, Later));
    }

    [Fact]
    public void WithReviewRequiredANewListingWaitsForAnAdminAndARejectionCarriesItsReason()
    {
        var listing = NewListing();
        Assert.Equal(Listing.PublishOutcome.SentForReview, listing.Publish(true, reviewRequired: true, Later));
        Assert.Equal((ListingStatus.PendingReview, 1), (listing.Status, listing.Revision));
        Assert.False(listing.RejectReview(" ", Later));
        Assert.True(listing.RejectReview("照片与商品不符", Later));
        Assert.Equal((ListingStatus.Rejected, "照片与商品不符"), (listing.Status, listing.ReviewNote));

        Assert.Equal(Listing.PublishOutcome.SentForReview, listing.Publish(true, reviewRequired: true, Later));
        Assert.Null(listing.ReviewNote);
        Assert.True(listing.ApproveReview(Later));
        Assert.Equal((ListingStatus.Published, 2), (listing.Status, listing.Revision));

        // Once reviewed and published, it goes back on sale without another review.
        listing.Unpublish(Later);
        Assert.Equal(Listing.PublishOutcome.Published, listing.Publish(true, reviewRequired: true, Later));
    }

    [Fact]
    public async Task ANewListingIsIndexedWithItsCodeAndWritesOneSyncJob()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        await db.DesignateAsync("433127");
        var supplier = await db.AddSupplierAsync();
        var editor = new ListingEditor(db, new DesignatedCounties(db, TimeProvider.System), TimeProvider.System);
        var input = db.TeaInput();
        Assert.Empty(await editor.CheckAsync(input));
        var listing = await editor.CreateAsync(supplier.Id, input);
        Assert.Contains(listing.Code.ToLowerInvariant(), listing.SearchText);
        Assert.Contains("永顺县", listing.SearchText);
        Assert.Equal(ListingStatus.Draft, listing.Status);
        Assert.Equal(1, await db.ListingSyncJobs.CountAsync(j => j.ListingId == listing.Id));

        Assert.True(await editor.UpdateAsync(listing, input with { Title = "永顺莓茶 特级 250g" }));
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.ListingSyncJobs.CountAsync(j => j.ListingId == listing.Id));
        Assert.Equal(2, await db.ListingPriceTiers.CountAsync(t => t.ListingId == listing.Id));
    }

    [Fact]
    public async Task CheckingInputLooksTheOriginUpInTheDesignatedList()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var editor = new ListingEditor(db, new DesignatedCounties(db, TimeProvider.System), TimeProvider.System);
        var groupId = await db.Categories.Where(c => c.Code == "05").Select(c => c.Id).SingleAsync();
        // 长沙市岳麓区 is a district of a capital, not a designated county (the demo list is loaded by the demo, not here).
        var problems = await editor.CheckAsync(db.TeaInput() with { OriginCountyCode = "430104", CategoryId = groupId });
        Assert.Contains(new ListingProblem(ListingField.OriginCounty, "NotDesignated"), problems);
        Assert.Contains(new ListingProblem(ListingField.Category, "NotLeaf"), problems);
    }
}
