using Tiketi.Scaling;

namespace Tiketi.Autoscaling.Simulator;

/// <summary>What a scaling strategy sees once per evaluation period.</summary>
/// <param name="Capacity">Instances asked for: in service plus still booting (what an auto scaling group calls desired capacity).</param>
/// <param name="QueueMaxima">The longest queue of each period so far, oldest first.</param>
/// <param name="Utilisation">The average utilisation (0..1) of the in-service instances in each period so far.</param>
public sealed record Observation(DateTimeOffset Now, DateTimeOffset OpensAt, int Capacity, IReadOnlyList<long> QueueMaxima, IReadOnlyList<double> Utilisation);

public interface IScalingStrategy
{
    string Name { get; }

    int MinInstances { get; }

    /// <summary>The capacity to run from now on.</summary>
    int Evaluate(Observation observation);
}

/// <summary>TIKETI's policy: steps on the queue length (<see cref="QueueScalingPolicy"/>), optionally with pre-warming.</summary>
public sealed class QueuePolicyStrategy(QueueScalingPolicy policy, long? expectedBuyers) : IScalingStrategy
{
    private DateTimeOffset? _lastOut;
    private DateTimeOffset? _lastIn;

    public string Name => expectedBuyers is null ? "queue" : "queue+prewarm";

    public int MinInstances => policy.MinInstances;

    public int Evaluate(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var floor = expectedBuyers is { } buyers
            ? policy.Floor([new UpcomingSale("sim", observation.OpensAt, buyers)], observation.Now)
            : policy.MinInstances;
        var decision = policy.Decide(new ScalingInput(observation.Now, observation.Capacity, observation.QueueMaxima, _lastOut, _lastIn, floor));
        if (decision.Change > 0)
        {
            _lastOut = observation.Now;
        }
        else if (decision.Change < 0)
        {
            _lastIn = observation.Now;
        }

        return decision.Desired;
    }
}

/// <summary>
/// The usual alternative: target tracking on CPU (here: utilisation of the serving instances) at
/// <see cref="Target"/>, as an auto scaling group does by default: three high minutes to scale out by the
/// ratio of load to target, fifteen low minutes to scale in. Utilisation cannot exceed 100 %, so it never
/// tells how far behind the cluster is; the queue does.
/// </summary>
public sealed class CpuTargetTrackingStrategy(int minInstances, int maxInstances) : IScalingStrategy
{
    public const double Target = 0.6;
    private static readonly TimeSpan Warmup = TimeSpan.FromMinutes(3);
    private DateTimeOffset? _lastChange;

    public string Name => "cpu";

    public int MinInstances => minInstances;

    public int Evaluate(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var utilisation = observation.Utilisation;
        var current = observation.Capacity;
        if (_lastChange is { } last && observation.Now - last < Warmup)
        {
            return current;
        }

        if (utilisation.Count >= 3 && utilisation.Skip(utilisation.Count - 3).All(u => u > Target))
        {
            return Change(observation, Math.Min(maxInstances, (int)Math.Ceiling(current * utilisation[^1] / Target)));
        }

        if (utilisation.Count >= 15 && utilisation.Skip(utilisation.Count - 15).All(u => u < Target * 0.9))
        {
            return Change(observation, Math.Max(minInstances, (int)Math.Ceiling(current * utilisation[^1] / Target)));
        }

        return current;
    }

    private int Change(Observation observation, int desired)
    {
        if (desired != observation.Capacity)
        {
            _lastChange = observation.Now;
        }

        return desired;
    }
}
