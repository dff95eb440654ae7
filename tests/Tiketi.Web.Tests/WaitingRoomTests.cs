using System.Text.Json;
using Microsoft.Playwright;
using Tiketi.Api.Tests;
using Tiketi.Api.Tests.Sale;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>The waiting room follows the queue live while the operator speeds up admission.</summary>
[Collection(WebCollection.Name)]
public sealed class WaitingRoomTests(WebFixture web)
{
    private const int PeopleAhead = 6;
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task WaitingRoomPosition_DecreasesLive_AsOperatorRaisesAdmissionRate()
    {
        // A sale admitting one buyer every ten seconds, with six buyers already in line.
        var admin = await _api.AdminAsync();
        // A trickle, so the people ahead are still waiting when the operator opens the live view on a slow machine.
        var eventId = await SaleSetup.CreateOpenEventAsync(admin, queue: true, admissionsPerSecond: 0.02);
        var ahead = await Task.WhenAll(Enumerable.Range(1, PeopleAhead).Select(i => _api.BuyerAsync($"early{i}")));
        foreach (var early in ahead)
        {
            var (status, _) = await early.SendAsync(HttpMethod.Post, $"/api/events/{eventId}/queue");
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }

        // The buyer joins from the event page and waits behind them.
        await using var buyer = await web.OpenAsync("queue-buyer", phone: true);
        var page = buyer.Page;
        var queuePath = $"/queue.html?id={eventId}";
        await Ui.SignInAsync(buyer, await _api.RegisterAsync("waiter"), queuePath);
        await Expect(page.Locator("#waiting")).ToBeVisibleAsync();
        await Ui.WaitLiveAsync(page);
        var before = int.Parse(await page.Locator("#position").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(before, PeopleAhead - 1, PeopleAhead + 1);
        await Expect(page.Locator("#ahead")).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await buyer.CheckPageAsync("1-waiting");

        // Every place the page shows from now on, with the page's own clock.
        await page.EvaluateAsync(@"() => {
            window.__positions = [];
            const box = document.getElementById('position');
            new MutationObserver(() => window.__positions.push([Date.now(), box.textContent])).observe(box, { childList: true, characterData: true, subtree: true });
            window.__noReload = true;
        }");

        // The operator raises the admission rate from the live sale page.
        await using var operatorBrowser = await web.OpenAsync("queue-operator");
        await Ui.SignInAsync(operatorBrowser, TiketiApiFactory.AdminEmail, $"/admin/event.html?id={eventId}", TiketiApiFactory.AdminPassword);
        var ops = operatorBrowser.Page;
        await Ui.WaitLiveAsync(ops);
        await Expect(ops.Locator("#fig-waiting")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[5-7]$"));
        await Expect(ops.GetByLabel("Minutes of silence before a place is lost")).ToHaveValueAsync("5");
        await ops.GetByLabel("Admissions per second").FillAsync("1");
        await ops.GetByLabel("Minutes of silence before a place is lost").FillAsync("10");
        var raised = Ui.NowMs();
        await ops.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(ops.Locator(".notice.inline[data-near=queue-save]")).ToContainTextAsync("Queue set to 1 admissions per second");
        await Expect(ops.Locator(".notice.inline[data-near=queue-save]")).ToContainTextAsync("a place silent for 10 min is lost.");
        await Expect(ops.Locator("#fig-admission")).ToHaveTextAsync("1 / s");

        // The buyer's place goes down step by step, live, until it is their turn.
        await Expect(page.GetByText("It’s your turn!", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var shown = (await page.EvaluateAsync<JsonElement>("() => window.__positions"))
            .EnumerateArray().Select(p => (At: p[0].GetDouble(), Position: int.Parse(p[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(p => p.At >= raised).Select(p => p.Position).ToList();
        shown = [.. shown.Where((p, i) => p != (i == 0 ? before : shown[i - 1]))];
        Assert.True(shown.Count >= 2, $"The page showed too few places after the raise: [{string.Join(", ", shown)}] (from {before}).");
        Assert.True(shown.Zip(shown.Skip(1)).All(pair => pair.Second < pair.First), $"Places must only go down: [{string.Join(", ", shown)}].");
        Assert.True(shown[0] < before, $"Places: {before} → [{string.Join(", ", shown)}].");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The waiting room reloaded.");
        await buyer.CheckPageAsync("2-your-turn");
        await operatorBrowser.CheckPageAsync("1-live-sale");
        buyer.AssertNoErrors();
        operatorBrowser.AssertNoErrors();
    }
}
