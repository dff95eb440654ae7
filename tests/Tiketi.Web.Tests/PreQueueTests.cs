using System.Net;
using Tiketi.Api.Tests.Sale;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>The waiting room of a lottery sale before its opening, on two devices of one account.</summary>
[Collection(WebCollection.Name)]
public sealed class PreQueueTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task WaitingRoom_LotterySaleBeforeOpening_ExplainsTheDrawOnEveryDeviceOfTheAccount()
    {
        var eventId = await LotteryEventAsync(opensIn: TimeSpan.FromMinutes(10));
        var email = await _api.RegisterAsync("early");

        // From the event page, before the opening: the way in is open, and says what happens at the opening.
        await using var phone = await web.OpenAsync("prequeue-phone", phone: true);
        await Ui.SignInAsync(phone, email, $"/event.html?id={eventId}");
        await Expect(phone.Page.Locator("#event")).ToContainTextAsync("at the opening everyone there gets a random place");
        await phone.Page.Locator("#get-tickets").ClickAsync();
        await Expect(phone.Page.Locator("#prequeue")).ToBeVisibleAsync();
        await Expect(phone.Page.Locator("#prequeue-opens")).ToContainTextAsync("The sale opens at");
        await Expect(phone.Page.Locator("#prequeue")).ToContainTextAsync("arriving earlier gains nothing");
        await Expect(phone.Page.Locator("#waiting")).ToBeHiddenAsync();
        await phone.CheckPageAsync("1-prequeue");

        // The same account on a laptop: the same pre-queue place, not a second one.
        await using var laptop = await web.OpenAsync("prequeue-laptop", locale: "ko-KR");
        await Ui.SignInAsync(laptop, email, $"/queue.html?id={eventId}");
        await Expect(laptop.Page.Locator("#prequeue")).ToBeVisibleAsync();
        await Expect(laptop.Page.Locator("#prequeue")).ToContainTextAsync("일찍 오셔도 유리하지 않습니다");
        var admin = await _api.AdminAsync();
        var (status, figures) = await admin.SendAsync(HttpMethod.Get, $"/api/admin/events/{eventId}/figures");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0L, (long)figures["queueWaiting"]!);
        phone.AssertNoErrors();
        laptop.AssertNoErrors();
    }

    [Fact]
    public async Task WaitingRoom_BeforeThePreQueueOpens_SaysItIsNotOpenYet()
    {
        var eventId = await LotteryEventAsync(opensIn: TimeSpan.FromHours(2));

        await using var buyer = await web.OpenAsync("prequeue-early");
        await Ui.SignInAsync(buyer, await _api.RegisterAsync("tooearly"), $"/queue.html?id={eventId}");

        await Expect(buyer.Page.Locator("#msg")).ToContainTextAsync("The waiting room is not open yet");
        await Expect(buyer.Page.Locator("#prequeue")).ToBeHiddenAsync();
        await buyer.CheckPageAsync("1-not-open");
        await buyer.Page.GotoAsync($"/event.html?id={eventId}");
        await Expect(buyer.Page.Locator("#event")).ToContainTextAsync("The waiting room opens");
        await Expect(buyer.Page.Locator("#get-tickets")).ToHaveCountAsync(0);
    }

    private async Task<string> LotteryEventAsync(TimeSpan opensIn)
    {
        var opensAt = DateTimeOffset.UtcNow + opensIn;
        var draft = new
        {
            title = $"Lottery Night {Guid.NewGuid():N}"[..20],
            artist = "Test Band",
            venue = "Test Arena",
            startsAt = opensAt.AddDays(30),
            saleOpensAt = opensAt,
            saleClosesAt = opensAt.AddDays(29),
            categories = new object[] { new { id = "R", name = "R seat", price = 150000 } },
            layout = new { sections = new[] { new { id = "S1", name = "Section 1", rows = 2, seatsPerRow = 10, categoryId = "R" } } },
            perBuyerLimit = 4,
            holdMinutes = 7,
            queueEnabled = true,
            queueMode = "lottery",
            preQueueMinutes = 30,
        };
        return await SaleSetup.CreateOpenEventAsync(await _api.AdminAsync(), queue: true, draft: draft);
    }
}
