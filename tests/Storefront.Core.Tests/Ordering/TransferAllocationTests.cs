using Storefront.Core.Ordering;
using Owing = Storefront.Core.Ordering.TransferAllocation.Owing;

namespace Storefront.Core.Tests.Ordering;

public class TransferAllocationTests
{
    // Orders -1 (¥1,000.00) and -2 (¥600.00) of one purchase; -2 was already paid ¥100.00 by an earlier transfer.
    private static readonly Owing[] Orders = [new(12, 2, 60_000, 50_000), new(11, 1, 100_000, 100_000)];

    [Fact]
    public void WithNoOrderNamedATransferPaysTheOrdersOldestFirstAndLeavesOnlyTheLastPartlyPaid()
    {
        var plan = TransferAllocation.Allocate(120_000, Orders);
        Assert.Equal([new TransferAllocation.Share(11, 100_000, true), new TransferAllocation.Share(12, 20_000, false)], plan.Shares);
        Assert.Equal(0, plan.SurplusFen);
        Assert.Equal([11L], plan.CompletedOrderIds);
    }

    [Fact]
    public void APartPaymentCompletesNothing()
    {
        var plan = TransferAllocation.Allocate(40_000, Orders);
        Assert.Equal([new TransferAllocation.Share(11, 40_000, false)], plan.Shares);
        Assert.Empty(plan.CompletedOrderIds);
    }

    [Fact]
    public void AnOrderNamedByTheAdminTakesTheMoneyBeforeAnOlderOne()
    {
        var plan = TransferAllocation.Allocate(50_000, Orders, [12]);
        Assert.Equal([new TransferAllocation.Share(12, 50_000, true)], plan.Shares);
        Assert.Equal(0, plan.SurplusFen);
    }

    [Fact]
    public void WhatExceedsTheNamedOrdersIsSurplusNotGivenToAnotherOrder()
    {
        var plan = TransferAllocation.Allocate(70_000, Orders, [12]);
        Assert.Equal([new TransferAllocation.Share(12, 50_000, true)], plan.Shares);
        Assert.Equal(20_000, plan.SurplusFen);
    }

    [Fact]
    public void WhatExceedsEverythingOwedIsSurplus()
    {
        var plan = TransferAllocation.Allocate(150_001, Orders);
        Assert.Equal([11L, 12L], plan.CompletedOrderIds);
        Assert.Equal(1, plan.SurplusFen);
    }

    [Fact]
    public void AnOrderThatOwesNothingCannotBeNamedAndNoAmountIsATransfer()
    {
        Assert.Throws<ArgumentException>(() => TransferAllocation.Allocate(100, Orders, [13]));
        Assert.Throws<ArgumentOutOfRangeException>(() => TransferAllocation.Allocate(0, Orders));
    }
}
