using System.Globalization;
using Tiketi.Autoscaling.Simulator;
using Tiketi.Scaling;

// dotnet run --project tests/Tiketi.Autoscaling.Simulator -- [--out DIR] [--buyers N] [--capacity BUYERS_PER_INSTANCE_PER_S] [--boot SECONDS]
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "", StringComparer.Ordinal);
var scenario = Scenario.Default;
if (options.TryGetValue("buyers", out var buyers))
{
    scenario = scenario with { Name = "custom", Buyers = long.Parse(buyers, CultureInfo.InvariantCulture) };
}

if (options.TryGetValue("capacity", out var capacity))
{
    scenario = scenario with { Name = "custom", BuyersPerInstancePerSecond = double.Parse(capacity, CultureInfo.InvariantCulture) };
}

if (options.TryGetValue("boot", out var boot))
{
    scenario = scenario with { Name = "custom", InstanceBoot = TimeSpan.FromSeconds(double.Parse(boot, CultureInfo.InvariantCulture)) };
}

var results = Comparison.Run(scenario, QueueScalingPolicy.Default);
var output = options.GetValueOrDefault("out") is { Length: > 0 } dir ? dir : ".";
Directory.CreateDirectory(output);
var csv = Path.Combine(output, $"autoscaling-{scenario.Name}.csv");
var svg = Path.Combine(output, $"autoscaling-{scenario.Name}.svg");
File.WriteAllText(csv, Report.Csv(results));
File.WriteAllText(svg, Report.Svg(scenario, results));
Console.Write(Report.Summary(results));
Console.WriteLine($"\nwrote {csv} and {svg}");
