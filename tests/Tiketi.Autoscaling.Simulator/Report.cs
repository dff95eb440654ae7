using System.Globalization;
using System.Text;

namespace Tiketi.Autoscaling.Simulator;

/// <summary>The CSV (one row per sample, a column pair per strategy), the summary table, and the SVG chart.</summary>
public static class Report
{
    private static readonly string[] Colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];

    public static string Csv(IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var csv = new StringBuilder("t_seconds,arrivals_per_second");
        foreach (var result in results)
        {
            csv.Append(CultureInfo.InvariantCulture, $",queue_{Slug(result.Strategy)},instances_{Slug(result.Strategy)},booting_{Slug(result.Strategy)}");
        }

        csv.Append('\n');
        for (var i = 0; i < results[0].Samples.Count; i++)
        {
            var first = results[0].Samples[i];
            csv.Append(CultureInfo.InvariantCulture, $"{first.Second},{first.ArrivalsPerSecond:0.#}");
            foreach (var result in results)
            {
                var point = result.Samples[i];
                csv.Append(CultureInfo.InvariantCulture, $",{point.Queue},{point.InService},{point.Booting}");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    public static string Summary(IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new StringBuilder("| strategy | first scale-out | peak queue | longest wait | queue empty after | max instances | instance-minutes |\n");
        table.Append("| --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var r in results)
        {
            table.Append(CultureInfo.InvariantCulture,
                $"| {r.Strategy} | {Time(r.FirstScaleOut)} | {r.PeakQueue:N0} | {Time(r.LongestWait)} | {Time(r.DrainedAfter)} | {r.MaxInstances} | {r.InstanceMinutes:N0} |\n");
        }

        return table.ToString();
    }

    /// <summary>Two panels sharing the time axis: the queue length, and the instances serving.</summary>
    public static string Svg(Scenario scenario, IReadOnlyList<SimulationResult> results)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(results);
        const int width = 960, left = 80, right = 20, panelHeight = 250, top1 = 84, top2 = 404;
        var plotWidth = width - left - right;
        var t0 = scenario.Start.TotalSeconds;
        var t1 = scenario.End.TotalSeconds;
        double X(double second) => left + ((second - t0) / (t1 - t0) * plotWidth);
        var maxQueue = NiceCeiling(results.Max(r => r.PeakQueue));
        var maxInstances = NiceCeiling(results.Max(r => r.MaxInstances));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="720" viewBox="0 0 {width} 720" font-family="sans-serif" font-size="12">""").Append('\n');
        svg.Append("""<rect width="100%" height="100%" fill="white"/>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{left}" y="24" font-size="16" font-weight="bold">On-sale of {scenario.Buyers:N0} buyers ({scenario.Name}): queue length and instances by scaling strategy</text>""").Append('\n');
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{left}" y="44" fill="#555">{scenario.BuyersPerInstancePerSecond:0} buyers/s per instance, {scenario.InstanceBoot.TotalSeconds:0} s boot, 63 % of arrivals in the first {scenario.RushTimeConstant.TotalSeconds:0} s; time in minutes from the opening</text>""").Append('\n');
        Panel(svg, "waiting buyers", top1, maxQueue, results, p => p.Queue);
        Panel(svg, "instances serving", top2, maxInstances, results, p => p.InService);
        for (var i = 0; i < results.Count; i++)
        {
            var x = left + (i * 200);
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{x}" y1="695" x2="{x + 30}" y2="695" stroke="{Colours[i % Colours.Length]}" stroke-width="3"/><text x="{x + 36}" y="699">{results[i].Strategy}</text>""").Append('\n');
        }

        svg.Append("</svg>\n");
        return svg.ToString();

        void Panel(StringBuilder s, string title, int top, double max, IReadOnlyList<SimulationResult> runs, Func<SamplePoint, double> value)
        {
            double Y(double v) => top + panelHeight - (v / max * panelHeight);
            s.Append(CultureInfo.InvariantCulture, $"""<text x="{left}" y="{top - 8}" font-weight="bold">{title}</text>""").Append('\n');
            var divisions = Divisions(max);
            for (var g = 0; g <= divisions; g++)
            {
                var v = max * g / divisions;
                s.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{Y(v):0.#}" x2="{width - right}" y2="{Y(v):0.#}" stroke="#ddd"/><text x="{left - 6}" y="{Y(v) + 4:0.#}" text-anchor="end">{v:N0}</text>""").Append('\n');
            }

            for (var minute = (int)(t0 / 60); minute <= (int)(t1 / 60); minute += 10)
            {
                var x = X(minute * 60);
                s.Append(CultureInfo.InvariantCulture, $"""<line x1="{x:0.#}" y1="{top}" x2="{x:0.#}" y2="{top + panelHeight}" stroke="{(minute == 0 ? "#888" : "#eee")}"/><text x="{x:0.#}" y="{top + panelHeight + 16}" text-anchor="middle">{minute}</text>""").Append('\n');
            }

            for (var i = 0; i < runs.Count; i++)
            {
                var points = string.Join(' ', runs[i].Samples.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.Second):0.#},{Y(value(p)):0.#}")));
                s.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{Colours[i % Colours.Length]}" stroke-width="2" points="{points}"/>""").Append('\n');
            }
        }
    }

    private static string Slug(string name) => name.Replace('+', '_');

    private static string Time(TimeSpan? time) => time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s") : "never";

    /// <summary>Five gridlines for 2.5 or 5 (×10ⁿ), four otherwise, so every label is a round number.</summary>
    private static int Divisions(double max)
    {
        var leading = max / Math.Pow(10, Math.Floor(Math.Log10(max)));
        return Math.Abs(leading - 2.5) < 1e-9 || Math.Abs(leading - 5) < 1e-9 ? 5 : 4;
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
