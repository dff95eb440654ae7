using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>Two buyers on one seat map (one in English, one in Korean) see each other's holds live.</summary>
[Collection(WebCollection.Name)]
public sealed class TwoBrowsersTests(WebFixture web, ITestOutputHelper output)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task SeatHeldInOneBrowser_TurnsHeldInTheOther_WithinOneSecond_AndAvailableAgainOnRelease()
    {
        var eventId = await _api.OpenEventAsync(queue: false);
        var seats = $"/seats.html?id={eventId}";
        await using var alice = await web.OpenAsync("two-alice");
        await using var bora = await web.OpenAsync("two-bora", locale: "ko-KR");
        await Ui.SignInAsync(alice, await _api.RegisterAsync("alice"), seats);
        await Ui.SignInAsync(bora, await _api.RegisterAsync("bora"), seats);
        await Ui.WaitLiveAsync(alice.Page);
        await Ui.WaitLiveAsync(bora.Page);
        await Ui.OpenSectionAsync(alice.Page, "S1");
        await Ui.OpenSectionAsync(bora.Page, "S1");

        var seatOfAlice = Ui.Seat(alice.Page, "S1", "C-5");
        var seatOfBora = Ui.Seat(bora.Page, "S1", "C-5");
        await Expect(seatOfBora).ToHaveAttributeAsync("aria-label", "C열 5번, R seat, 선택 가능");
        await bora.CheckPageAsync("1-seat-map-ko");

        // Alice picks C-5 and holds it: Bora's map shows it held within a second of Alice's answer.
        await seatOfAlice.ClickAsync();
        await Expect(seatOfAlice).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(seatOfAlice).ToHaveAttributeAsync("aria-label", "Row C seat 5, R seat, selected");
        await alice.CheckPageAsync("1-selected");
        await Ui.WatchAttributeAsync(seatOfBora, "data-state", "held", "held");
        await alice.Page.RunAndWaitForResponseAsync(
            () => alice.Page.GetByRole(AriaRole.Button, new() { Name = "Hold selected seats" }).ClickAsync(),
            r => r.Url.EndsWith("/holds", StringComparison.Ordinal) && r.Request.Method == "POST" && r.Status == 201);
        var heldAnswered = Ui.NowMs();
        var heldSeen = await Ui.SeenAtAsync(bora.Page, "held");
        output.WriteLine($"hold seen by the other browser {heldSeen - heldAnswered} ms after the holder's answer");
        Assert.True(heldSeen - heldAnswered < 1000, $"Bora saw the hold {heldSeen - heldAnswered} ms after Alice's answer.");
        await Expect(seatOfBora).ToHaveAttributeAsync("aria-label", "C열 5번, R seat, 선점됨");
        await Expect(seatOfAlice).ToHaveAttributeAsync("data-state", "mine");
        await alice.CheckPageAsync("2-held");
        await bora.CheckPageAsync("2-held-by-other-ko");

        // Bora cannot pick it (the seat says so: aria-disabled); Alice releases it, and it is available
        // again for Bora within a second.
        await Expect(seatOfBora).ToHaveAttributeAsync("aria-disabled", "true");
        await seatOfBora.ClickAsync(new() { Force = true });
        await Expect(seatOfBora).Not.ToHaveAttributeAsync("aria-pressed", "true");
        await Ui.WatchAttributeAsync(seatOfBora, "data-state", "available", "available");
        await alice.Page.RunAndWaitForResponseAsync(
            () => alice.Page.GetByRole(AriaRole.Button, new() { Name = "Release seats" }).ClickAsync(),
            r => r.Url.Contains("/api/holds/", StringComparison.Ordinal) && r.Request.Method == "DELETE" && r.Ok);
        var releaseAnswered = Ui.NowMs();
        var availableSeen = await Ui.SeenAtAsync(bora.Page, "available");
        output.WriteLine($"release seen by the other browser {availableSeen - releaseAnswered} ms after the holder's answer");
        Assert.True(availableSeen - releaseAnswered < 1000, $"Bora saw the release {availableSeen - releaseAnswered} ms after Alice's answer.");
        await Expect(seatOfBora).ToHaveAttributeAsync("aria-label", "C열 5번, R seat, 선택 가능");
        await Expect(seatOfAlice).ToHaveAttributeAsync("data-state", "available");

        // Now Bora takes it.
        await seatOfBora.ClickAsync();
        await bora.Page.Locator("#hold-selected").ClickAsync();
        await Expect(seatOfBora).ToHaveAttributeAsync("data-state", "mine");
        await Expect(seatOfAlice).ToHaveAttributeAsync("data-state", "held");
        await bora.CheckPageAsync("3-hold-ko");
        alice.AssertNoErrors();
        bora.AssertNoErrors();
    }
}
