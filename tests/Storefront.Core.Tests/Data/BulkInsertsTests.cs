using Microsoft.EntityFrameworkCore;
using Storefront.Core.Data;
using Storefront.Core.Ordering;

namespace Storefront.Core.Tests.Data;

public class BulkInsertsTests
{
    [Fact]
    public async Task AnEntityWithAColumnTheDatabaseFillsIsRefusedRatherThanWrittenWithoutIt()
    {
        await using var database = await InMemoryDatabase.CreateAsync();
        // Purchase.PaymentMethod has a database default: EF leaves such a column out of its insert when the value is
        // the CLR default, so a bulk insert writing the value it finds would store something else than EF would.
        var purchase = new Purchase
        {
            BuyerUserId = "u", CheckoutKey = Guid.NewGuid(), DeliveryLabel = "", DeliveryAddress = "", DeliveryRecipient = "", DeliveryPhone = "",
        };
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Db.InsertAsync([purchase]));
        Assert.Contains("Purchase.PaymentMethod", refused.Message);
        Assert.Equal(0, await database.Db.Purchases.CountAsync());
    }
}
