namespace Tiketi.Autoscaling.Simulator;

/// <summary>
/// An on-sale to replay: <see cref="Buyers"/> arrive from the opening (t = 0) at a rate that decays with
/// time constant <see cref="RushTimeConstant"/> (63 % in the first minute when it is 60 s), every buyer needs
/// one unit of service, and an instance serves <see cref="BuyersPerInstancePerSecond"/> buyers a second once
/// it has booted and joined (<see cref="InstanceBoot"/> after it was asked for).
/// </summary>
public sealed record Scenario
{
    public static Scenario Default { get; } = new();

    public string Name { get; init; } = "default";

    public long Buyers { get; init; } = 300_000;

    public TimeSpan RushTimeConstant { get; init; } = TimeSpan.FromSeconds(60);

    public double BuyersPerInstancePerSecond { get; init; } = 100;

    public TimeSpan InstanceBoot { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The simulated window, relative to the opening.</summary>
    public TimeSpan Start { get; init; } = TimeSpan.FromMinutes(-20);

    public TimeSpan End { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>Rows of the CSV and points of the chart are this far apart.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Arrivals in the second starting at <paramref name="second"/> after the opening (none before it).</summary>
    public double ArrivalsAt(int second)
    {
        if (second < 0)
        {
            return 0;
        }

        var tau = RushTimeConstant.TotalSeconds;
        return Buyers * (Math.Exp(-second / tau) - Math.Exp(-(second + 1) / tau));
    }
}
