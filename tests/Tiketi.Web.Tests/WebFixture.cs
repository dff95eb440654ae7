using System.Globalization;
using Microsoft.Playwright;
using Tiketi.Api.Tests;

namespace Tiketi.Web.Tests;

/// <summary>
/// One TIKETI host on real Kestrel (embedded silo, test settings, free ports) and one headless
/// Debian Chromium, shared by every browser test. Tests use fresh accounts and events.
/// </summary>
public sealed class WebFixture : IAsyncLifetime
{
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public TiketiApiFactory Host { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = TiketiApiFactory.FreePort();
        Host.UseKestrel(port);
        Host.StartServer();
        BaseUrl = new Uri($"http://localhost:{port.ToString(CultureInfo.InvariantCulture)}/");

        // Playwright drives the machine's Chromium; it must never download a browser of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var chromium = Environment.GetEnvironmentVariable("TIKETI_CHROMIUM") ?? DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not at {chromium}: install it (apt-get install -y chromium) or set TIKETI_CHROMIUM.");
        }

        Assertions.SetDefaultExpectTimeout(10_000);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        Playwright?.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>A fresh browser profile: a phone (390 × 844, touch) or a desktop (1366 × 900).</summary>
    public async Task<BuyerBrowser> OpenAsync(string name, bool phone = false, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = 1,
        });
        // Generous: CI runs the browser beside several test hosts on 2 cores.
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        return await BuyerBrowser.StartAsync(name, context);
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}
