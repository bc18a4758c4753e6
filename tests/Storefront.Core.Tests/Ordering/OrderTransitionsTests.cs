using Storefront.Core.Ordering;

namespace Storefront.Core.Tests.Ordering;

public class OrderTransitionsTests
{
    private static readonly HashSet<(OrderStatus, OrderStatus)> Legal =
    [
        (OrderStatus.PendingApproval, OrderStatus.Approved),
        (OrderStatus.PendingApproval, OrderStatus.Cancelled),
        (OrderStatus.Approved, OrderStatus.Paid),
        (OrderStatus.Approved, OrderStatus.Cancelled),
        (OrderStatus.Paid, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Received),
        (OrderStatus.Received, OrderStatus.Shipped),
        (OrderStatus.Shipped, OrderStatus.Completed),
        (OrderStatus.Paid, OrderStatus.Refunded),
        (OrderStatus.Shipped, OrderStatus.Refunded),
        (OrderStatus.Received, OrderStatus.Refunded),
        (OrderStatus.Completed, OrderStatus.Refunded),
    ];

    public static TheoryData<OrderStatus, OrderStatus> EveryPair()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (var from in Enum.GetValues<OrderStatus>())
            foreach (var to in Enum.GetValues<OrderStatus>())
                data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void OnlyTheLegalMovesAreAllowedAndEveryOtherIsRefused(OrderStatus from, OrderStatus to)
    {
        var order = OrderIn(from);
        if (Legal.Contains((from, to)))
        {
            Assert.True(OrderTransitions.IsAllowed(from, to));
            order.MoveTo(to);
            Assert.Equal(to, order.Status);
        }
        else
        {
            Assert.False(OrderTransitions.IsAllowed(from, to));
            var refused = Assert.Throws<IllegalTransitionException>(() => order.MoveTo(to));
            Assert.Equal((from, to), (refused.From, refused.To));
            Assert.Equal(from, order.Status);
        }
    }

    [Fact]
    public void CancelledAndRefundedOrdersGoNowhereAndCompletedOnesOnlyToRefunded()
    {
        foreach (var to in Enum.GetValues<OrderStatus>())
        {
            Assert.Equal(to == OrderStatus.Refunded, OrderTransitions.IsAllowed(OrderStatus.Completed, to));
            Assert.False(OrderTransitions.IsAllowed(OrderStatus.Cancelled, to));
            Assert.False(OrderTransitions.IsAllowed(OrderStatus.Refunded, to));
        }
    }

    [Fact]
    public void APaidOrderIsNoLongerCancelledButRefunded()
    {
        Assert.True(OrderTransitions.MayCancel(OrderStatus.Approved));
        Assert.False(OrderTransitions.MayCancel(OrderStatus.Paid));
        Assert.False(OrderTransitions.MayCancel(OrderStatus.Shipped));
        Assert.True(OrderTransitions.MayRefund(OrderStatus.Paid));
        Assert.False(OrderTransitions.MayRefund(OrderStatus.Approved));
    }

    /// <summary>An order brought to a state along legal moves only.</summary>
    private static Order OrderIn(OrderStatus status)
    {
        var order = Order.Create(1, 1, 1, [], needsApproval: true, DateTime.UtcNow);
        OrderStatus[] path = status switch
        {
            OrderStatus.PendingApproval => [],
            OrderStatus.Approved => [OrderStatus.Approved],
            OrderStatus.Paid => [OrderStatus.Approved, OrderStatus.Paid],
            OrderStatus.Shipped => [OrderStatus.Approved, OrderStatus.Paid, OrderStatus.Shipped],
            OrderStatus.Received => [OrderStatus.Approved, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Received],
            OrderStatus.Completed => [OrderStatus.Approved, OrderStatus.Paid, OrderStatus.Shipped, OrderStatus.Completed],
            OrderStatus.Cancelled => [OrderStatus.Cancelled],
            OrderStatus.Refunded => [OrderStatus.Approved, OrderStatus.Paid, OrderStatus.Refunded],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path) order.MoveTo(step);
        return order;
    }
}
