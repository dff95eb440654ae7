namespace Tiketi.Api.Tests.Live;

/// <summary>Waits for an asynchronous effect (a push, a disconnect) up to a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan within, string? what = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {within}: {what ?? "the condition"}.");
            await Task.Delay(20);
        }
    }

    /// <summary>The same, for a condition that must ask the system (an HTTP read, a grain call).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {within}: {what ?? "the condition"}.");
            await Task.Delay(20);
        }
    }
}
