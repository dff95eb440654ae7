namespace Tiketi.Scaling;

/// <summary>
/// The one autoscaling policy of TIKETI, in one place. The signal is the longest waiting queue of any
/// event (the maximum of <c>QueueSize</c> over an evaluation period): a queue grows the moment buyers
/// arrive, minutes before CPU does. deploy/aws/queue-scaling.json states the same numbers as CloudWatch
/// alarms and step-scaling policies, and a test fails when the two disagree.
/// </summary>
/// <remarks>
/// Scale-out follows CloudWatch step scaling: the alarm fires when the queue is above the first step's
/// threshold; the step taken is the highest whose threshold the queue has reached (a step's lower bound
/// is inclusive, as in CloudWatch). Scale-in is deliberately slow: one instance at a time, only after the
/// queue stayed short for several periods, and never within a cooldown of the last change.
/// Pre-warming raises the floor before a sale opens, from its expected demand, so the first minute of a
/// rush is served by instances that are already up instead of instances still booting.
/// </remarks>
public sealed record QueueScalingPolicy
{
    public static QueueScalingPolicy Default { get; } = new();

    /// <summary>Scale-out steps, lowest threshold first: the queue above 5,000 adds 2; from 20,000 on, 5.</summary>
    public IReadOnlyList<ScaleOutStep> ScaleOutSteps { get; init; } = [new(5_000, 2), new(20_000, 5)];

    /// <summary>A queue below this for <see cref="ScaleInEvaluationPeriods"/> periods removes <see cref="ScaleInStep"/> instances.</summary>
    public long ScaleInBelow { get; init; } = 1_000;

    public int ScaleInStep { get; init; } = 1;

    /// <summary>One datapoint per period: the maximum queue length seen in it.</summary>
    public TimeSpan EvaluationPeriod { get; init; } = TimeSpan.FromSeconds(60);

    public int ScaleOutEvaluationPeriods { get; init; } = 1;

    public int ScaleInEvaluationPeriods { get; init; } = 5;

    /// <summary>After a scale-out, no further scale-out until the new instances are warm (CloudWatch: estimated instance warm-up).</summary>
    public TimeSpan ScaleOutCooldown { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>No scale-in within this long of any change.</summary>
    public TimeSpan ScaleInCooldown { get; init; } = TimeSpan.FromMinutes(3);

    public int MinInstances { get; init; } = 2;

    public int MaxInstances { get; init; } = 40;

    /// <summary>Pre-warming starts this long before a sale opens (instances need minutes to boot and join).</summary>
    public TimeSpan PrewarmLead { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The pre-warmed floor holds this long after the opening, then the reactive steps take over.</summary>
    public TimeSpan PrewarmHold { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Buyers one instance serves per second (admitted, shop, pay or learn it is sold out); measured by the load tool.</summary>
    public double BuyersPerInstancePerSecond { get; init; } = 100;

    /// <summary>Pre-warming sizes the cluster so the expected crowd is through the queue within this time.</summary>
    public TimeSpan PrewarmDrainTarget { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The alarm threshold: the queue must be above this for any scale-out.</summary>
    public long ScaleOutThreshold => ScaleOutSteps[0].QueueAbove;

    /// <summary>The instances to add for a queue of <paramref name="queue"/>; 0 at or below the threshold.</summary>
    public int ScaleOutAdjustment(long queue)
    {
        if (queue <= ScaleOutThreshold)
        {
            return 0;
        }

        var add = ScaleOutSteps[0].Add;
        foreach (var step in ScaleOutSteps.Skip(1))
        {
            if (queue >= step.QueueAbove)
            {
                add = step.Add;
            }
        }

        return add;
    }

    /// <summary>The instances an expected crowd needs at the opening, within the min/max bounds.</summary>
    public int PrewarmInstances(long expectedBuyers)
    {
        var perInstance = BuyersPerInstancePerSecond * PrewarmDrainTarget.TotalSeconds;
        var needed = (int)Math.Ceiling(Math.Max(expectedBuyers, 0) / Math.Max(perInstance, 1));
        return Math.Clamp(needed, MinInstances, MaxInstances);
    }

    /// <summary>The capacity floor at <paramref name="now"/>: the largest pre-warm of any sale opening soon or just opened.</summary>
    public int Floor(IEnumerable<UpcomingSale> sales, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sales);
        var floor = MinInstances;
        foreach (var sale in sales)
        {
            if (now >= sale.OpensAt - PrewarmLead && now < sale.OpensAt + PrewarmHold)
            {
                floor = Math.Max(floor, PrewarmInstances(sale.ExpectedBuyers));
            }
        }

        return floor;
    }

    /// <summary>Decides the instance count for the next period from the queue history and the last changes.</summary>
    public ScalingDecision Decide(ScalingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var floor = Math.Clamp(input.Floor, MinInstances, MaxInstances);
        var current = input.Instances;
        if (current < floor)
        {
            return new(floor, floor - current, ScalingReason.Prewarm);
        }

        var history = input.QueueMaxima;
        var outDue = input.LastScaleOut is not { } lastOut || input.Now - lastOut >= ScaleOutCooldown;
        if (outDue && Last(history, ScaleOutEvaluationPeriods) is { } recentOut && recentOut.All(q => q > ScaleOutThreshold))
        {
            var desired = Math.Min(current + ScaleOutAdjustment(history[^1]), MaxInstances);
            if (desired > current)
            {
                return new(desired, desired - current, ScalingReason.QueueHigh);
            }
        }

        var lastChange = Max(input.LastScaleOut, input.LastScaleIn);
        var inDue = lastChange is not { } changed || input.Now - changed >= ScaleInCooldown;
        if (inDue && Last(history, ScaleInEvaluationPeriods) is { } recentIn && recentIn.All(q => q < ScaleInBelow))
        {
            var desired = Math.Max(current - ScaleInStep, floor);
            if (desired < current)
            {
                return new(desired, desired - current, ScalingReason.QueueLow);
            }
        }

        return new(current, 0, ScalingReason.None);
    }

    private static IEnumerable<long>? Last(IReadOnlyList<long> history, int count) =>
        history.Count >= count ? history.Skip(history.Count - count) : null;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : (a > b ? a : b);
}

/// <summary>Above <paramref name="QueueAbove"/> waiting buyers, add <paramref name="Add"/> instances.</summary>
public sealed record ScaleOutStep(long QueueAbove, int Add);

/// <summary>A sale that opens at <paramref name="OpensAt"/> and expects <paramref name="ExpectedBuyers"/> buyers in its rush.</summary>
public sealed record UpcomingSale(string EventId, DateTimeOffset OpensAt, long ExpectedBuyers);

/// <param name="QueueMaxima">One value per evaluation period, oldest first: the longest queue seen in it.</param>
/// <param name="Floor">The pre-warm floor now (<see cref="QueueScalingPolicy.Floor"/>).</param>
public sealed record ScalingInput(
    DateTimeOffset Now,
    int Instances,
    IReadOnlyList<long> QueueMaxima,
    DateTimeOffset? LastScaleOut,
    DateTimeOffset? LastScaleIn,
    int Floor);

public enum ScalingReason
{
    None = 0,
    QueueHigh = 1,
    QueueLow = 2,
    Prewarm = 3,
}

/// <summary>The instance count to run and why; <see cref="Change"/> is desired minus current.</summary>
public sealed record ScalingDecision(int Desired, int Change, ScalingReason Reason);
