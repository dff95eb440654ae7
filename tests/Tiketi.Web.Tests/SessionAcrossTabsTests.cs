using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tiketi.Web.Tests;

/// <summary>
/// Issue #15 item 4: a sign-in lives in an HttpOnly cookie, so a second tab and a restarted browser (a
/// persistent profile closed and opened again) are still signed in; signing out in one tab ends it in
/// the others and for the next start too.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SessionAcrossTabsTests(WebFixture web) : IDisposable
{
    private readonly string _profile = Directory.CreateTempSubdirectory("tiketi-profile-").FullName;
    private readonly TestApi _api = new(web);

    [Fact]
    public async Task SecondTabAndRestartedBrowser_StillSignedIn_LogoutInOneEndsBoth()
    {
        var email = await _api.RegisterAsync("tabs");

        await using (var browser = await LaunchAsync())
        {
            var first = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
            await first.GotoAsync("/signin.html?return=%2Forders.html");
            await first.Locator("#in-email").FillAsync(email);
            await first.Locator("#in-password").FillAsync(TestApi.Password);
            await first.Locator("#form-in button[type=submit]").ClickAsync();
            await first.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/orders.html");
            await ExpectSignedInAsync(first);

            // A second tab (a link opened in a new tab, a bookmark) shares the sign-in.
            var second = await browser.NewPageAsync();
            await second.GotoAsync("/orders.html");
            await ExpectSignedInAsync(second);

            // The refresh token is out of script's reach.
            Assert.Equal("", await second.EvaluateAsync<string>("() => document.cookie"));
            Assert.DoesNotContain("refresh", await second.EvaluateAsync<string>("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"), StringComparison.OrdinalIgnoreCase);
        }

        // The browser is closed and started again with the same profile.
        await using (var restarted = await LaunchAsync())
        {
            var first = restarted.Pages.Count > 0 ? restarted.Pages[0] : await restarted.NewPageAsync();
            await first.GotoAsync("/orders.html");
            await ExpectSignedInAsync(first);
            var second = await restarted.NewPageAsync();
            await second.GotoAsync("/orders.html");
            await ExpectSignedInAsync(second);

            // Signing out in one tab ends the other: at once on its page, and for good on reload.
            await first.Locator("#site-header button.link").ClickAsync();
            await first.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Expect(second.Locator("#site-header a[href^='/signin.html']")).ToBeVisibleAsync();
            await second.ReloadAsync();
            await second.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin.html");
        }

        // And the next start is signed out too.
        await using (var again = await LaunchAsync())
        {
            var page = again.Pages.Count > 0 ? again.Pages[0] : await again.NewPageAsync();
            await page.GotoAsync("/orders.html");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin.html");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task ExpectSignedInAsync(IPage page)
    {
        await Expect(page.Locator("#site-header button.link")).ToBeVisibleAsync();
        Assert.Equal("/orders.html", new Uri(page.Url).AbsolutePath);
    }

    private Task<IBrowserContext> LaunchAsync() =>
        web.Playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TIKETI_CHROMIUM") ?? WebFixture.DefaultChromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            BaseURL = web.BaseUrl.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Timeout = 60_000,
        });
}
