using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>Steps people take on the pages, shared by the tests (by element ids, so any language works).</summary>
public static class Ui
{
    public static async Task SignInAsync(BuyerBrowser browser, string email, string returnPath = "/", string password = TestApi.Password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = browser.Page;
        await page.GotoAsync($"/signin.html?return={Uri.EscapeDataString(returnPath)}");
        await page.Locator("#in-email").FillAsync(email);
        await page.Locator("#in-password").FillAsync(password);
        await page.Locator("#form-in button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == returnPath);
    }

    /// <summary>The header's connection status says the live updates are flowing.</summary>
    public static Task WaitLiveAsync(IPage page) =>
        Expect(page.Locator(".conn")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15_000 });

    /// <summary>A seat button of the map, e.g. block "S1", seat "C-12".</summary>
    public static ILocator Seat(IPage page, string blockId, string seatId)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator($"#blocks button.seat[data-block=\"{blockId}\"][data-id=\"{seatId}\"]");
    }

    /// <summary>Taps a section on the venue overview: the map zooms into its seats.</summary>
    public static async Task OpenSectionAsync(IPage page, string blockId)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator($"#venue .section-tile[data-section=\"{blockId}\"]").ClickAsync();
        await Expect(page.Locator($"#section-{blockId}")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The message shown next to a control: inside the viewport and within <paramref name="maxDistance"/>
    /// CSS pixels (vertically) of it, not at the top of a long page.
    /// </summary>
    public static async Task ExpectNearAsync(ILocator message, ILocator control, double maxDistance = 200)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(control);
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToBeInViewportAsync();
        var a = await message.BoundingBoxAsync();
        var b = await control.BoundingBoxAsync();
        Assert.NotNull(a);
        Assert.NotNull(b);
        var gap = Math.Max(0, Math.Max(a!.Y - (b!.Y + b.Height), b.Y - (a.Y + a.Height)));
        Assert.True(gap <= maxDistance, $"The message is {gap} px from the control it is about.");
    }

    /// <summary>Milliseconds since the epoch on this machine's clock, which the browsers share.</summary>
    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// Starts recording, inside the page, when an element's attribute first takes a value: the time
    /// is taken by the page itself, so polling by the test adds nothing to the measured latency.
    /// </summary>
    public static Task WatchAttributeAsync(ILocator element, string attribute, string value, string key) =>
        element.EvaluateAsync(@"(el, [attribute, value, key]) => {
            window.__seen ??= {};
            delete window.__seen[key];
            const check = () => { if (el.getAttribute(attribute) === value && !window.__seen[key]) window.__seen[key] = Date.now(); };
            new MutationObserver(check).observe(el, { attributes: true, attributeFilter: [attribute] });
            check();
        }", new[] { attribute, value, key });

    /// <summary>When the page saw the watched value (ms since the epoch), waiting up to the timeout.</summary>
    public static async Task<long> SeenAtAsync(IPage page, string key, int timeoutMs = 10_000)
    {
        ArgumentNullException.ThrowIfNull(page);
        var handle = await page.WaitForFunctionAsync("key => window.__seen?.[key] ?? null", key, new() { Timeout = timeoutMs, PollingInterval = 50 });
        return (long)await handle.JsonValueAsync<double>();
    }
}
