using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Tiketi.Web.Tests;

/// <summary>
/// One person's browser: a context and its page, the console errors and CSP violations it saw,
/// screenshots saved as test artifacts, and an axe-core accessibility check of each page.
/// </summary>
public sealed class BuyerBrowser : IAsyncDisposable
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Artifacts.AxePath));

    private readonly ConcurrentQueue<string> _errors = new();

    private BuyerBrowser(string name, IBrowserContext context, IPage page)
    {
        Name = name;
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpectedNetworkError(message.Text))
            {
                _errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.Response += (_, response) =>
        {
            // The pages' own files must all load; API refusals are expected answers the pages handle.
            var path = new Uri(response.Url).AbsolutePath;
            if (response.Status >= 400 && !path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/hubs/", StringComparison.Ordinal))
            {
                _errors.Enqueue($"{response.Status} for {response.Url}");
            }
        };
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
    }

    public string Name { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<BuyerBrowser> StartAsync(string name, IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new BuyerBrowser(name, context, await context.NewPageAsync());
    }

    /// <summary>Saves a full-page screenshot under TestResults/screenshots.</summary>
    public async Task ShotAsync(string step)
    {
        var path = Path.Combine(Artifacts.ScreenshotDirectory, $"{Name}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>A screenshot, then axe-core on the page: no serious or critical violation may be found.</summary>
    public async Task CheckPageAsync(string step)
    {
        await ShotAsync(step);
        var violations = await AxeViolationsAsync();
        Assert.True(violations.Count == 0, $"Accessibility violations on {Name}-{step} ({Page.Url}):\n{string.Join("\n", violations)}");
    }

    public async Task<IReadOnlyList<string>> AxeViolationsAsync()
    {
        // Playwright evaluates through the DevTools protocol, which the page's CSP does not govern,
        // so axe goes in without weakening the policy the pages are tested under.
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await Page.EvaluateAsync(AxeSource.Value);
        }

        var json = await Page.EvaluateAsync<JsonElement>(@"async () => {
            // WCAG 2.2's target size (24 px, or spaced so) too: seats are small buttons on a phone.
            const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } });
            return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
            }));
        }");
        var found = new List<string>();
        foreach (var violation in json.EnumerateArray())
        {
            var text = new StringBuilder($"[{violation.GetProperty("impact").GetString()}] {violation.GetProperty("id").GetString()}: {violation.GetProperty("help").GetString()}");
            foreach (var node in violation.GetProperty("nodes").EnumerateArray())
            {
                text.Append("\n    ").Append(node.GetString());
            }

            found.Add(text.ToString());
        }

        return found;
    }

    /// <summary>No script error and no CSP violation happened in this browser.</summary>
    public void AssertNoErrors() =>
        Assert.True(_errors.IsEmpty, $"{Name} saw errors:\n{string.Join("\n", _errors)}");

    /// <summary>The page as it was last, kept for when a test fails before its own screenshot.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.ScreenshotDirectory, $"{Name}-last.png"), FullPage = true, Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // the page may be gone already
        }
        catch (TimeoutException)
        {
        }

        await Context.CloseAsync();
    }

    // Chromium logs every failed load (an API refusal the page handles, the network while offline);
    // failed loads of the pages' own files are caught by the response check instead.
    private static bool IsExpectedNetworkError(string text) =>
        text.StartsWith("Failed to load resource", StringComparison.Ordinal)
        || text.Contains("net::ERR_INTERNET_DISCONNECTED", StringComparison.Ordinal)
        || text.Contains("WebSocket connection to", StringComparison.Ordinal);
}
