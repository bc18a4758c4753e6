using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Fapiao;
using Storefront.Core.Mail;
using Storefront.Core.Notifications;
using Storefront.Core.Ordering;
using Storefront.Core.Organisations;
using Storefront.Core.Suppliers;
using Storefront.Core.Tests.Ordering;

namespace Storefront.Core.Tests.Fapiao;

public class FapiaoDeskTests
{
    /// <summary>Files kept in memory, so that a test sees what was stored and what was removed again.</summary>
    private sealed class MemoryStore : ISupplierDocumentStore
    {
        public Dictionary<string, byte[]> Files { get; } = [];
        public Task SaveAsync(string name, ReadOnlyMemory<byte> content, CancellationToken ct = default) { Files[name] = content.ToArray(); return Task.CompletedTask; }
        public Task<Stream?> OpenReadAsync(string name, CancellationToken ct = default) => Task.FromResult<Stream?>(Files.TryGetValue(name, out var f) ? new MemoryStream(f) : null);
        public Task DeleteAsync(string name, CancellationToken ct = default) { Files.Remove(name); return Task.CompletedTask; }
    }

    private static FapiaoDesk Desk(StorefrontDbContext db, MemoryStore store) =>
        new(db, store, new Notifier(db, new MailQueue(db, OrderingBuilders.Clock), new OrderingBuilders.PlainTexts(), OrderingBuilders.Clock),
            new MailQueue(db, OrderingBuilders.Clock), new OrderingBuilders.PlainTexts(), OrderingBuilders.Clock);

    private static readonly FapiaoFiles.Upload File = new("%PDF-1.7\n%%EOF\n"u8.ToArray(), FapiaoFiles.Pdf, "fapiao.pdf");
    private static readonly OrderWorkflow.Actor Supplier = new("supplier-user", "supplier");

    /// <summary>A paid order of ¥400 with its fapiao requested.</summary>
    private static async Task<(InMemoryDatabase Database, long OrderId)> RequestedAsync(MemoryStore store)
    {
        var database = await InMemoryDatabase.CreateAsync();
        var db = database.Db;
        var services = new OrderingBuilders.Services(db);
        var school = await db.AddOrganisationAsync();
        school.ApprovalThresholdFen = null;
        var buyer = await OrderingBuilders.AddMemberAsync(db, school, OrganisationRoles.Buyer);
        var listing = await OrderingBuilders.AddListingAsync(db, await OrderingBuilders.AddSupplierAsync(db), stock: 100, moq: 10, priceFen: 1000);
        await services.Cart.AddAsync(buyer.Id, school.Id, [new(listing.Id, 40)]);
        var placed = await services.CheckOutAsync(db, school, buyer);
        Assert.True(placed.Purchase is not null, placed.Problem.ToString());
        var purchase = placed.Purchase!;
        var paid = await services.Payments.ConfirmAsync(new(purchase.Id, PaymentMethod.BankTransfer, 40_000, OrderingBuilders.Clock.GetUtcNow().UtcDateTime, "T-1", null, "admin"));
        Assert.Equal(PaymentConfirmation.Outcome.Confirmed, paid.Outcome);
        var orderId = purchase.Orders.Single().Id;
        db.ChangeTracker.Clear();
        var order = (await services.Workflow.FindAsync(orderId))!;
        var requested = await Desk(db, store).RequestAsync(order, new(FapiaoKind.Ordinary, school.Name, null, "caiwu@school.cn"), new(buyer.Id, "buyer"));
        Assert.True(requested.Succeeded);
        db.ChangeTracker.Clear();
        return (database, orderId);
    }

    [Fact]
    public async Task TwoSuppliersMembersRecordingAFapiaoAtOnceCannotBothInvoiceTheOrderAndTheLosersFileIsRemoved()
    {
        var store = new MemoryStore();
        var (database, orderId) = await RequestedAsync(store);
        await using var _ = database;
        var db = database.Db;
        var today = Core.Money.ShanghaiTime.DateOf(OrderingBuilders.Clock.GetUtcNow().UtcDateTime);
        var stale = (await new OrderingBuilders.Services(db).Workflow.FindAsync(orderId))!;
        using (var other = new StorefrontDbContext(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite(db.Database.GetDbConnection()).Options))
        {
            var fresh = (await new OrderingBuilders.Services(other).Workflow.FindAsync(orderId))!;
            Assert.True((await Desk(other, store).IssueAsync(fresh, new("11111111", today, 40_000), File, Supplier)).Succeeded);
        }
        var second = await Desk(db, store).IssueAsync(stale, new("22222222", today, 40_000), File, Supplier);
        Assert.Equal(FapiaoDesk.Outcome.Invalid, second.Outcome);
        Assert.Equal("NothingOpen", second.Problems.Single().Code);
        Assert.Single(store.Files);
        Assert.Equal(40_000, (await Desk(db, store).StandingAsync(orderId)).IssuedFen);
    }

    [Fact]
    public async Task AStaleCopyOfTheOrderIsRefusedAsAConflictAndItsFileIsRemoved()
    {
        var store = new MemoryStore();
        var (database, orderId) = await RequestedAsync(store);
        await using var _ = database;
        var db = database.Db;
        var today = Core.Money.ShanghaiTime.DateOf(OrderingBuilders.Clock.GetUtcNow().UtcDateTime);
        var stale = (await new OrderingBuilders.Services(db).Workflow.FindAsync(orderId))!;
        using (var other = new StorefrontDbContext(new DbContextOptionsBuilder<StorefrontDbContext>().UseSqlite(db.Database.GetDbConnection()).Options))
        {
            var fresh = (await new OrderingBuilders.Services(other).Workflow.FindAsync(orderId))!;
            Assert.True((await Desk(other, store).IssueAsync(fresh, new("11111111", today, 10_000), File, Supplier)).Succeeded);
        }
        // Both see ¥300 open; the stale copy's version is behind, so its fapiao is not saved.
        var second = await Desk(db, store).IssueAsync(stale, new("22222222", today, 30_000), File, Supplier);
        Assert.Equal(FapiaoDesk.Outcome.Conflict, second.Outcome);
        Assert.Single(store.Files);
        var third = await Desk(db, store).IssueAsync((await new OrderingBuilders.Services(db).Workflow.FindAsync(orderId))!, new("11111111", today, 30_000), File, Supplier);
        Assert.Equal(FapiaoDesk.Outcome.NumberTaken, third.Outcome);
        Assert.Equal(10_000, (await Desk(db, store).StandingAsync(orderId)).IssuedFen);
    }
}
