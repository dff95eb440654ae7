namespace Tiketi.Grains.Tests.Cluster;

/// <summary>Waits for an asynchronous effect (a timer, a one-way call, a stream) up to a deadline.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {within}.");
            await Task.Delay(20);
        }
    }
}
