using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

public sealed class ExploreTemp
{
    [Fact]
    public async Task Explore()
    {
        if (Environment.GetEnvironmentVariable("EXPLORE") != "1") return;
        using var pw = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"] });
        {
            var ctx = await browser.NewContextAsync(new() { BaseURL = "http://localhost:5000/" });
            var p = await ctx.NewPageAsync();
            p.Console += (_, m) => Console.WriteLine($"[dash] {m.Type}: {m.Text}");
            await p.GotoAsync("/signin.html?return=%2Fadmin%2F");
            await p.Locator("#in-email").FillAsync("admin@tiketi.test");
            await p.Locator("#in-password").FillAsync("Admin-Passw0rd-for-tests!");
            await p.Locator("#form-in button[type=submit]").ClickAsync();
            await p.WaitForURLAsync("**/admin/");
            var d = await ctx.RunAndWaitForPageAsync(() => p.Locator("#dashboard").ClickAsync());
            d.Console += (_, m) => Console.WriteLine($"[dash-popup] {m.Type}: {m.Text}");
            await Task.Delay(5000);
            await d.ScreenshotAsync(new() { Path = "/tmp/dash.png" });
            await ctx.CloseAsync();
            return;
        }
        foreach (var (name, phone, locale) in new[] { ("desk", false, "en-US"), ("phone", true, "ko-KR") })
        {
            var context = await browser.NewContextAsync(new() { BaseURL = "http://localhost:5000/", Locale = locale, ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 900 }, IsMobile = phone, HasTouch = phone });
            var page = await context.NewPageAsync();
            page.Console += (_, m) => Console.WriteLine($"[{name}] {m.Type}: {m.Text}");
            await page.GotoAsync("/signin.html?mode=signup&return=%2Fqueue.html%3Fid%3Ddemo-rush");
            await page.Locator("#up-email").FillAsync($"x{Guid.NewGuid():N}"[..10] + "@t.test");
            await page.Locator("#up-password").FillAsync("Correct-horse-9");
            await page.Locator("#form-up button[type=submit]").ClickAsync();
            await page.WaitForURLAsync("**/queue.html**");
            await page.Locator("#go-seats").ClickAsync(new() { Timeout = 30000 });
            await page.WaitForURLAsync("**/seats.html**");
            await Expect(page.Locator(".conn")).ToHaveAttributeAsync("data-state", "live");
            await page.ScreenshotAsync(new() { Path = $"/tmp/demo-{name}-seats.png", FullPage = false });
            await page.ScreenshotAsync(new() { Path = $"/tmp/demo-{name}-seats-full.png", FullPage = true });
            await page.Locator("#blocks button.seat[data-block=S1][data-id='C-12']").ClickAsync();
            await page.Locator("#blocks button.seat[data-block=S1][data-id='C-13']").ClickAsync();
            await page.Locator("#blocks button.seat[data-block=S1][data-id='C-13']").PressAsync("ArrowDown");
            await page.ScreenshotAsync(new() { Path = $"/tmp/demo-{name}-selected.png" });
            Console.WriteLine(await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
            await context.CloseAsync();
        }
    }
}
