namespace Tiketi.Autoscaling.Simulator;

/// <summary>One point of a run, every <see cref="Scenario.SampleEvery"/>.</summary>
public sealed record SamplePoint(int Second, double ArrivalsPerSecond, long Queue, int InService, int Booting);

/// <summary>A strategy's run of a scenario: its series and what a person wants to know about it.</summary>
/// <param name="DrainedAfter">When the queue last emptied after the opening; null if it never did in the window.</param>
/// <param name="LongestWait">The longest time a buyer waited in the queue (first come, first served).</param>
/// <param name="InstanceMinutes">Instances asked for (serving or booting), summed over the window: the bill.</param>
public sealed record SimulationResult(
    string Strategy,
    IReadOnlyList<SamplePoint> Samples,
    long PeakQueue,
    TimeSpan? DrainedAfter,
    TimeSpan LongestWait,
    int MaxInstances,
    double InstanceMinutes,
    TimeSpan? FirstScaleOut);

/// <summary>Replays a scenario second by second against a scaling strategy evaluated once a minute.</summary>
public static class Simulation
{
    public static readonly DateTimeOffset OpensAt = new(2026, 1, 1, 20, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan EvaluationPeriod = TimeSpan.FromSeconds(60);

    public static SimulationResult Run(Scenario scenario, IScalingStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(strategy);
        var start = (int)scenario.Start.TotalSeconds;
        var end = (int)scenario.End.TotalSeconds;
        var sampleEvery = (int)scenario.SampleEvery.TotalSeconds;
        var period = (int)EvaluationPeriod.TotalSeconds;

        var inService = strategy.MinInstances;
        var booting = new List<int>();
        var queue = 0.0;
        double arrived = 0, served = 0, instanceSeconds = 0, periodMax = 0, periodUtil = 0;
        var cumulativeArrived = new List<double>();
        var cumulativeServed = new List<double>();
        var maxima = new List<long>();
        var utilisation = new List<double>();
        var samples = new List<SamplePoint>();
        long peak = 0;
        int? lastBusy = null, firstScaleOut = null;
        var maxInstances = inService;

        for (var t = start; t < end; t++)
        {
            inService += booting.RemoveAll(ready => ready <= t);
            var arrivals = scenario.ArrivalsAt(t);
            var capacity = inService * scenario.BuyersPerInstancePerSecond;
            var available = queue + arrivals;
            var done = Math.Min(available, capacity);
            queue = available - done;
            arrived += arrivals;
            served += done;
            cumulativeArrived.Add(arrived);
            cumulativeServed.Add(served);
            periodUtil += capacity > 0 ? done / capacity : 0;
            periodMax = Math.Max(periodMax, queue);
            peak = Math.Max(peak, (long)Math.Round(queue));
            instanceSeconds += inService + booting.Count;
            if (queue >= 0.5)
            {
                lastBusy = t;
            }

            if ((t - start) % sampleEvery == 0)
            {
                samples.Add(new SamplePoint(t, arrivals, (long)Math.Round(queue), inService, booting.Count));
            }

            if ((t - start + 1) % period == 0)
            {
                maxima.Add((long)Math.Round(periodMax));
                utilisation.Add(periodUtil / period);
                periodMax = 0;
                periodUtil = 0;
                var current = inService + booting.Count;
                var desired = strategy.Evaluate(new Observation(OpensAt.AddSeconds(t + 1), OpensAt, current, maxima, utilisation));
                if (desired > current)
                {
                    firstScaleOut ??= t + 1;
                    booting.AddRange(Enumerable.Repeat(t + 1 + (int)scenario.InstanceBoot.TotalSeconds, desired - current));
                }

                for (var remove = current - desired; remove > 0; remove--)
                {
                    if (booting.Count > 0)
                    {
                        booting.RemoveAt(booting.Count - 1);
                    }
                    else
                    {
                        inService--;
                    }
                }

                maxInstances = Math.Max(maxInstances, inService + booting.Count);
            }
        }

        return new SimulationResult(
            strategy.Name,
            samples,
            peak,
            lastBusy is { } busy && busy < end - 1 ? TimeSpan.FromSeconds(busy + 1) : null,
            LongestWait(cumulativeArrived, cumulativeServed),
            maxInstances,
            instanceSeconds / 60,
            firstScaleOut is { } first ? TimeSpan.FromSeconds(first) : null);
    }

    /// <summary>First come, first served: the buyer who arrived when A(t) buyers had arrived is served once S reaches A(t).</summary>
    private static TimeSpan LongestWait(List<double> arrived, List<double> served)
    {
        var longest = 0;
        var j = 0;
        for (var i = 0; i < arrived.Count; i++)
        {
            if (i > 0 && arrived[i] - arrived[i - 1] < 0.5)
            {
                continue;
            }

            j = Math.Max(j, i);
            while (j < served.Count && served[j] < arrived[i] - 0.5)
            {
                j++;
            }

            longest = Math.Max(longest, j - i);
        }

        return TimeSpan.FromSeconds(longest);
    }
}
