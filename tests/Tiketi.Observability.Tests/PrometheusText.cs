using System.Globalization;
using System.Text.RegularExpressions;

namespace Tiketi.Observability.Tests;

/// <summary>A small reader of the Prometheus text exposition format: enough to find a series and its value.</summary>
public sealed partial class PrometheusText
{
    private readonly List<Sample> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public PrometheusText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
                continue;
            }

            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"Not a sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value.Replace("\\\"", "\"", StringComparison.Ordinal), StringComparer.Ordinal);
            _samples.Add(new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public IReadOnlyList<Sample> Samples => _samples;

    /// <summary>Metric family names, as the # TYPE lines declare them.</summary>
    public IReadOnlyDictionary<string, string> Types => _types;

    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    public IEnumerable<Sample> Series(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value));

    /// <summary>The value of the one series that matches; null when there is none.</summary>
    public double? Value(string name, params (string Key, string Value)[] labels) =>
        Series(name, labels).Select(s => (double?)s.Value).SingleOrDefault();

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\S+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
