using Microsoft.EntityFrameworkCore;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;

namespace Storefront.Core.Tests.Ordering;

public class SavedListsTests
{
    private static async Task<(InMemoryDatabase Database, SavedLists Lists, SavedList List, int OrganisationId)> ListOfTwoLinesAsync()
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var organisation = await db.AddOrganisationAsync();
        var buyer = await db.AddMemberAsync(organisation, OrganisationRoles.Buyer);
        var supplier = await OrderingBuilders.AddSupplierAsync(db);
        var tea = await OrderingBuilders.AddListingAsync(db, supplier, moq: 10);
        var honey = await OrderingBuilders.AddListingAsync(db, supplier, moq: 1);
        var services = new OrderingBuilders.Services(db);
        await services.Cart.AddAsync(buyer.Id, organisation.Id, [new(tea.Id, 20), new(honey.Id, 5)]);
        var lists = new SavedLists(db, services.Cart, OrderingBuilders.Clock);
        var list = (await lists.SaveCartAsync(buyer.Id, organisation.Id, "每周食堂订单"))!;
        return (database, lists, list, organisation.Id);
    }

    [Fact]
    public async Task AnEditWithAQuantityBelowItsListingsMinimumIsRefusedWholeAndChangesNothing()
    {
        var (database, lists, list, organisationId) = await ListOfTwoLinesAsync();
        await using var _ = database;
        var (tea, honey) = (list.Lines[0].Id, list.Lines[1].Id);

        var result = await lists.EditAsync(list.Id, organisationId, list.Revision, "改名", [new(tea, 9, false), new(honey, 0, false)]);

        Assert.Equal(SavedLists.EditOutcome.Refused, result.Outcome);
        Assert.Equal(new Dictionary<long, LineProblem> { [tea] = LineProblem.BelowMinimumOrder, [honey] = LineProblem.QuantityNotPositive }, result.Problems);
        Assert.Equal((10, "kg"), result.Listings[tea]);
        database.Db.ChangeTracker.Clear();
        var stored = await database.Db.SavedLists.Include(l => l.Lines).SingleAsync();
        Assert.Equal(("每周食堂订单", 1), (stored.Name, stored.Revision));
        Assert.Equal([20, 5], stored.Lines.OrderBy(l => l.Id).Select(l => l.Quantity));
    }

    [Fact]
    public async Task AnEditRenamesSetsQuantitiesRemovesLinesAndRaisesTheRevision()
    {
        var (database, lists, list, organisationId) = await ListOfTwoLinesAsync();
        await using var _ = database;
        var (tea, honey) = (list.Lines[0].Id, list.Lines[1].Id);

        Assert.True((await lists.EditAsync(list.Id, organisationId, 1, "  周五清单 ", [new(tea, 30, false), new(honey, 5, true)])).Outcome == SavedLists.EditOutcome.Saved);

        database.Db.ChangeTracker.Clear();
        var stored = await database.Db.SavedLists.Include(l => l.Lines).SingleAsync();
        Assert.Equal(("周五清单", 2, tea, 30), (stored.Name, stored.Revision, stored.Lines.Single().Id, stored.Lines.Single().Quantity));
        // Removing every line is refused: a list keeps at least one.
        var empty = await lists.EditAsync(list.Id, organisationId, 2, "周五清单", [new(tea, 30, true)]);
        Assert.True(empty.NoLinesLeft);
        Assert.Equal(SavedLists.EditOutcome.Refused, empty.Outcome);
        // Another organisation's id names no list of its own.
        Assert.Equal(SavedLists.EditOutcome.NotFound, (await lists.EditAsync(list.Id, organisationId + 1, 2, "x", [])).Outcome);
    }

    [Fact]
    public async Task OfTwoEditsMadeFromTheSameRevisionTheSecondIsAConflict()
    {
        var (database, lists, list, organisationId) = await ListOfTwoLinesAsync();
        await using var _ = database;
        var tea = list.Lines[0].Id;

        Assert.Equal(SavedLists.EditOutcome.Saved, (await lists.EditAsync(list.Id, organisationId, 1, "甲", [new(tea, 40, false)])).Outcome);
        Assert.Equal(SavedLists.EditOutcome.Conflict, (await lists.EditAsync(list.Id, organisationId, 1, "乙", [new(tea, 50, false)])).Outcome);

        // Saved at the same moment (both read revision 2 before either wrote), the database refuses the second write.
        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var a = await first.SavedLists.SingleAsync();
        var b = await second.SavedLists.SingleAsync();
        a.Name = "丙";
        a.Revision++;
        b.Name = "丁";
        b.Revision++;
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        database.Db.ChangeTracker.Clear();
        Assert.Equal(("丙", 3), await database.Db.SavedLists.Select(l => new ValueTuple<string, int>(l.Name, l.Revision)).SingleAsync());
    }
}
