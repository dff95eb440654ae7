using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tiketi.Api.Tests;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>
/// Issue #15 item 9, seat-level editing of a block: the operator marks an aisle, blocked seats and a
/// wheelchair space with its companion seat in the new-event form's seat editor, and the event has them;
/// a buyer on a phone sees the aisle as a gap, cannot pick a blocked seat, and picks, releases and holds a
/// wheelchair space only together with its companion seat. Both pages pass axe with the marks showing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SeatMarksTests(WebFixture web)
{
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task Operator_MarksSeatsInTheSeatEditor_TheEventHasTheAisleBlockedSeatsAndWheelchairPair()
    {
        await using var ops = await web.OpenAsync("marks-operator");
        var page = ops.Page;
        await Ui.SignInAsync(ops, TiketiApiFactory.AdminEmail, "/admin/new.html", TiketiApiFactory.AdminPassword);
        var title = $"Marks Night {Guid.NewGuid():N}"[..20];
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Artist").FillAsync("휠체어 밴드");
        await page.GetByLabel("Venue", new() { Exact = true }).FillAsync("Marks Hall");
        await page.GetByLabel("Buyers wait in a queue").UncheckAsync();

        // Section A: 4 rows of 10, an aisle after seat 5; its seat editor shows the rows with the aisle as a gap.
        var section = page.Locator("#sections .editor-row").First;
        await section.GetByLabel("Rows").FillAsync("4");
        await section.GetByLabel("Seats per row").FillAsync("10");
        await section.GetByLabel("Aisles after seat").FillAsync("5");
        var edit = section.GetByRole(AriaRole.Button, new() { Name = "Edit seats" });
        await edit.ClickAsync();
        await Expect(edit).ToHaveAttributeAsync("aria-expanded", "true");
        var editor = section.Locator(".seat-editor");
        await Expect(editor.GetByRole(AriaRole.Group, new() { Name = "Seats of Section A" })).ToBeVisibleAsync();
        await Expect(editor.Locator("button.seat")).ToHaveCountAsync(40);
        await ExpectAisleAsync(Seat(editor, "A-4"), Seat(editor, "A-5"), Seat(editor, "A-6"));

        // Block A-1 by a click and A-10 by the keyboard (End moves along the row, Enter applies the tool).
        await Expect(editor.GetByRole(AriaRole.Radio, new() { Name = "Block seat" })).ToBeCheckedAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Row A seat 1: for sale" }).ClickAsync();
        await Expect(Seat(editor, "A-1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Expect(Seat(editor, "A-10")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Seat(editor, "A-1")).ToHaveAttributeAsync("aria-label", "Row A seat 1: blocked");
        await Expect(Seat(editor, "A-10")).ToHaveAttributeAsync("aria-label", "Row A seat 10: blocked");
        await Expect(Seat(editor, "A-10")).ToHaveAttributeAsync("data-state", "blocked");

        // A wheelchair space takes its right neighbour as companion; at an aisle, the left one. Clear removes a pair.
        await editor.GetByRole(AriaRole.Radio, new() { Name = "Wheelchair space + companion" }).CheckAsync();
        await Seat(editor, "C-1").ClickAsync();
        await Expect(Seat(editor, "C-1")).ToHaveAttributeAsync("aria-label", "Row C seat 1: wheelchair space");
        await Expect(Seat(editor, "C-2")).ToHaveAttributeAsync("aria-label", "Row C seat 2: companion seat");
        await Seat(editor, "B-5").ClickAsync();
        await Expect(Seat(editor, "B-5")).ToHaveAttributeAsync("aria-label", "Row B seat 5: wheelchair space");
        await Expect(Seat(editor, "B-4")).ToHaveAttributeAsync("aria-label", "Row B seat 4: companion seat");
        await Expect(Seat(editor, "B-6")).ToHaveAttributeAsync("aria-label", "Row B seat 6: for sale");
        var counts = editor.Locator("[id$='-counts']");
        await Expect(counts).ToHaveTextAsync("2 blocked, 2 wheelchair spaces + companions");
        await editor.GetByRole(AriaRole.Radio, new() { Name = "Clear" }).CheckAsync();
        await Seat(editor, "C-2").ClickAsync();
        await Expect(Seat(editor, "C-1")).ToHaveAttributeAsync("aria-label", "Row C seat 1: for sale");
        await Expect(counts).ToHaveTextAsync("2 blocked, 1 wheelchair space + companion");

        // Blocked seats are not for sale: the capacity is 4 × 10 − 2 in A and 8 × 16 in B.
        await Expect(page.Locator("#preview")).ToContainTextAsync("Seats: 166 (sections: 2)");
        await ops.CheckPageAsync("1-seat-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create event" }).ClickAsync();
        await page.WaitForURLAsync("**/admin/event.html?id=*");
        var eventId = new Uri(page.Url).Query.Split('&')[0].Split('=')[1];
        await page.GetByRole(AriaRole.Button, new() { Name = "Open sale" }).ClickAsync();
        await Expect(page.Locator("#status-badge")).ToHaveTextAsync("On sale");

        var admin = await _api.AdminAsync();
        var (status, detail) = await admin.SendAsync(HttpMethod.Get, $"/api/events/{eventId}");
        Assert.Equal(HttpStatusCode.OK, status);
        var block = detail["blocks"]!.AsArray().Single(b => (string?)b!["id"] == "A")!;
        var rows = block["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(["A", "B", "C", "D"], rows.Select(r => (string?)r["label"]));
        Assert.All(rows, r => Assert.Equal([5], Numbers(r["aislesAfter"])));
        Assert.Equal([1, 10], Numbers(rows[0]["blocked"]).Order());
        Assert.All(rows.Skip(1), r => Assert.Empty(Numbers(r["blocked"])));
        var pair = Assert.Single(rows[1]["wheelchairs"]!.AsArray());
        Assert.Equal(5, (int)pair!["seat"]!);
        Assert.Equal(4, (int)pair["companion"]!);
        Assert.All(rows.Where(r => (string?)r["label"] != "B"), r => Assert.Empty(r["wheelchairs"]!.AsArray()));

        // The operator's event page lists the marks, read only.
        await page.ReloadAsync();
        await Expect(page.Locator("#seat-marks")).ToContainTextAsync("Section A: aisles after seat 5; not for sale: A-1, A-10; wheelchair space + companion: B-5 + B-4");
        ops.AssertNoErrors();
    }

    [Fact]
    public async Task Buyer_OnAPhone_SeesTheAisleAndMarks_CannotPickABlockedSeat_PicksAndHoldsTheWheelchairPairTogether()
    {
        var eventId = await _api.OpenMarkedEventAsync();
        await using var buyer = await web.OpenAsync("marks-buyer", phone: true);
        var page = buyer.Page;
        await Ui.SignInAsync(buyer, await _api.RegisterAsync("marks"), $"/seats.html?id={eventId}");
        await Ui.WaitLiveAsync(page);
        await Ui.OpenSectionAsync(page, "S1");

        // The legend names the marks; the section's count leaves the blocked seat out (4 × 10 − 1).
        var legend = page.Locator("#legend");
        await Expect(legend).ToContainTextAsync("Not for sale");
        await Expect(legend).ToContainTextAsync("Wheelchair space");
        await Expect(legend).ToContainTextAsync("Companion seat");
        await Expect(page.Locator("#venue .section-tile[data-section=S1]")).ToContainTextAsync("39 available");

        // An aisle after seat 4: a wider gap between 4 and 5 than between 3 and 4; numbers carry on.
        await ExpectAisleAsync(Ui.Seat(page, "S1", "B-3"), Ui.Seat(page, "S1", "B-4"), Ui.Seat(page, "S1", "B-5"));
        await Expect(Ui.Seat(page, "S1", "B-5")).ToHaveAttributeAsync("data-no", "5");
        var size = await Ui.Seat(page, "S1", "B-1").BoundingBoxAsync();
        Assert.True(size!.Width >= 24 && size.Height >= 24, $"A seat is {size.Width} × {size.Height} px.");

        // The blocked seat says so and cannot be picked.
        var blocked = Ui.Seat(page, "S1", "A-3");
        await Expect(blocked).ToHaveAttributeAsync("data-state", "blocked");
        await Expect(blocked).ToHaveAttributeAsync("aria-disabled", "true");
        await Expect(blocked).ToHaveAttributeAsync("aria-label", "Row A seat 3, R seat, not for sale");
        await blocked.ClickAsync(new() { Force = true });
        await Expect(blocked).Not.ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#pick-list li")).ToHaveCountAsync(0);

        // The wheelchair space and its companion seat are picked and let go together, from either one.
        var space = Ui.Seat(page, "S1", "B-1");
        var companion = Ui.Seat(page, "S1", "B-2");
        await Expect(space).ToHaveAttributeAsync("data-mark", "wheelchair");
        await Expect(companion).ToHaveAttributeAsync("data-mark", "companion");
        await Expect(space).ToHaveAttributeAsync("aria-label", "Row B seat 1, wheelchair space, sold with companion seat 2, R seat, available");
        await Expect(companion).ToHaveAttributeAsync("aria-label", "Row B seat 2, companion seat, sold with wheelchair space 1, R seat, available");
        await space.ClickAsync();
        await Expect(space).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(companion).ToHaveAttributeAsync("aria-pressed", "true");
        await companion.ClickAsync();
        await Expect(space).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(companion).ToHaveAttributeAsync("aria-pressed", "false");
        await space.ClickAsync();
        await Expect(companion).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("#pick-list li")).ToHaveCountAsync(2);
        await buyer.CheckPageAsync("1-pair-selected");

        // Holding sends both seats; the server holds both for this buyer.
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#pick-bar-hold").ClickAsync(),
            r => r.Url.EndsWith("/holds", StringComparison.Ordinal) && r.Request.Method == "POST");
        Assert.Equal(201, answer.Status);
        var sent = answer.Request.PostDataJSON()!.Value.GetProperty("seatIds").EnumerateArray().Select(s => s.GetString()).Order().ToList();
        Assert.Equal(["B-1", "B-2"], sent);
        await Expect(space).ToHaveAttributeAsync("data-state", "mine");
        await Expect(companion).ToHaveAttributeAsync("data-state", "mine");
        await Expect(page.Locator("#hold-list li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#hold-list li").First).ToContainTextAsync("Row B seat 1 · Wheelchair space");

        // The names in Korean too.
        await page.Locator(".lang-switch").ClickAsync();
        await Expect(space).ToHaveAttributeAsync("aria-label", "B열 1번, 휠체어석, 동반석 2번과 함께 판매, R seat, 내가 선점한 좌석");
        await Expect(blocked).ToHaveAttributeAsync("aria-label", "A열 3번, R seat, 판매하지 않음");
        await Expect(legend).ToContainTextAsync("휠체어석");
        await buyer.CheckPageAsync("2-pair-held-ko");
        buyer.AssertNoErrors();
    }

    [Fact]
    public async Task OnlyTheWheelchairPairLeft_BestAvailableOffersNothing_TheWaitlistIsOpen_ThePairStaysOnTheMap()
    {
        // Rows A and B of 5 (aisle after 4): A-3 blocked, B-1/B-2 a wheelchair pair; two fans hold the other 7.
        var eventId = await _api.OpenMarkedEventAsync(rows: 2, seatsPerRow: 5);
        foreach (var (fan, seats) in new[] { ("pairfan1", new[] { "A-1", "A-2", "A-4", "A-5" }), ("pairfan2", new[] { "B-3", "B-4", "B-5" }) })
        {
            var (held, _) = await (await _api.BuyerAsync(fan)).SendAsync(HttpMethod.Post, $"/api/events/{eventId}/holds", new { blockId = "S1", seatIds = seats });
            Assert.Equal(HttpStatusCode.Created, held);
        }

        await using var buyer = await web.OpenAsync("marks-pair-left");
        var page = buyer.Page;
        await Ui.SignInAsync(buyer, await _api.RegisterAsync("pairleft"), $"/seats.html?id={eventId}");
        await Ui.WaitLiveAsync(page);
        await Ui.OpenSectionAsync(page, "S1");

        await Expect(page.Locator("#best-none")).ToHaveTextAsync("Only wheelchair spaces with their companion seats are left: choose them on the seat map.");
        await Expect(page.Locator("#best-category option")).ToHaveCountAsync(0);
        await Expect(page.Locator("#waitlist-slot #waitlist")).ToBeVisibleAsync();
        await Expect(page.Locator("#sold-out")).ToHaveCountAsync(0); // not sold out: the pair is on sale
        await Expect(Ui.Seat(page, "S1", "B-1")).ToHaveAttributeAsync("data-state", "available");
        await Expect(Ui.Seat(page, "S1", "B-2")).ToHaveAttributeAsync("data-state", "available");
        await buyer.CheckPageAsync("1-pair-left");

        // The event page says the same: only wheelchair spaces are left in R.
        await page.GotoAsync($"/event.html?id={eventId}");
        await Expect(page.Locator("td", new() { HasText = "Wheelchair spaces only (2)" })).ToBeVisibleAsync();

        // The server agrees: the waitlist takes a buyer although two seats are on sale.
        var (joined, entry) = await (await _api.BuyerAsync("pairwaiter")).SendAsync(HttpMethod.Post, $"/api/events/{eventId}/waitlist", new { categoryId = "R", quantity = 1 });
        Assert.True(joined is HttpStatusCode.OK or HttpStatusCode.Created, entry.ToJsonString());
        buyer.AssertNoErrors();
    }

    private static ILocator Seat(ILocator editor, string seatId) => editor.Locator($"button.seat[data-id=\"{seatId}\"]");

    private static List<int> Numbers(JsonNode? array) => [.. (array?.AsArray() ?? []).Select(n => (int)n!)];

    /// <summary>The gap between the seats before and after an aisle is clearly wider than between neighbours.</summary>
    private static async Task ExpectAisleAsync(ILocator before, ILocator last, ILocator after)
    {
        await Expect(after).ToBeVisibleAsync();
        var a = (await before.BoundingBoxAsync())!;
        var b = (await last.BoundingBoxAsync())!;
        var c = (await after.BoundingBoxAsync())!;
        var neighbours = b.X - (a.X + a.Width);
        var aisle = c.X - (b.X + b.Width);
        Assert.True(aisle >= neighbours + 8, $"The aisle is {aisle} px wide, neighbours {neighbours} px apart.");
    }
}
