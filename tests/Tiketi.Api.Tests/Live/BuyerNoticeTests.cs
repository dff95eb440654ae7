using Microsoft.Extensions.DependencyInjection;
using Tiketi.Api.Live;

namespace Tiketi.Api.Tests.Live;

/// <summary>A signed-in connection hears about its own orders, and only while it is connected.</summary>
[Collection(ApiCollection.Name)]
public sealed class BuyerNoticeTests(TiketiApiFactory factory)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private readonly LiveSale _sale = new(factory.Services.GetRequiredService<IClusterClient>());

    [Fact]
    public async Task BuyerNotice_HoldCancelled_SignedInConnectionReceivesHoldReleased()
    {
        var buyerId = LiveSale.NewId("acct");
        var eventId = await _sale.CreateEventAsync(blocks: 1);
        var buyers = factory.Services.GetRequiredService<BuyerFeeds>();
        var signedIn = await SaleWatcher.ConnectAsync(factory, TestTokens.For(buyerId));
        await using var anonymous = await SaleWatcher.ConnectAsync(factory);

        // Any invocation runs after OnConnectedAsync, so the buyer feed is in place once it returns.
        await signedIn.WatchAsync(eventId);
        await anonymous.WatchAsync(eventId);
        Assert.True(buyers.IsActive(buyerId), "An authenticated connection subscribes to its buyer's notices.");

        var order = await _sale.HoldAsync(eventId, buyerId, "B1", quantity: 1);
        await _sale.CancelAsync(order);

        await Eventually.TrueAsync(() => signedIn.Notices.Any(n => n.OrderId == order.OrderId && n.Kind == "holdReleased"), Within, "the holdReleased notice");
        var notice = signedIn.Notices.First(n => n.Kind == "holdReleased");
        Assert.True(notice.At > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Empty(anonymous.Notices);

        await signedIn.DisposeAsync();
        await Eventually.TrueAsync(() => !buyers.IsActive(buyerId), Within, "the buyer feed gone after the buyer's last connection closed");
    }
}
