using System.Globalization;

namespace Tiketi.LoadTest.Cli;

/// <summary>
/// The parsed command line: a scenario name, then <c>--name value</c> (or <c>--name=value</c>) options;
/// some options may repeat (<c>--threshold</c>, <c>--gateway</c>). Unknown options are refused so a
/// typo never silently runs the default.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    private CommandLine(string scenario) => Scenario = scenario;

    public string Scenario { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new UsageException("Name a scenario first: rush, queue-flood, seatmap-read, fanout or block.");
        }

        var line = new CommandLine(args[0]);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
            {
                throw new UsageException($"Unexpected argument '{arg}'; options look like --name value.");
            }

            string name, value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                (name, value) = (arg[2..equals], arg[(equals + 1)..]);
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                (name, value) = (arg[2..], args[++i]);
            }
            else
            {
                (name, value) = (arg[2..], "true");
            }

            if (!line._values.TryGetValue(name, out var list))
            {
                line._values[name] = list = [];
            }

            list.Add(value);
        }

        return line;
    }

    public string? Text(string name) => Last(name);

    public string Text(string name, string fallback) => Last(name) ?? fallback;

    public IReadOnlyList<string> All(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list : [];
    }

    public int Count(string name, int fallback) => Number(name, fallback, s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture));

    public double Real(string name, double fallback) => Number(name, fallback, s => double.Parse(s, CultureInfo.InvariantCulture));

    public bool Flag(string name) => Last(name) is { } v && v is not ("false" or "0" or "no");

    public TimeSpan Duration(string name, TimeSpan fallback) => Number(name, fallback, ParseDuration);

    /// <summary>Fails when an option was given that nothing read: a typo, or an option of another scenario.</summary>
    public void RejectUnknown()
    {
        var unknown = _values.Keys.Where(k => !_read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"Unknown option(s) for '{Scenario}': {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }

    /// <summary>500ms, 2s, 1.5m, 1h, 250us; a bare number is milliseconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = new (string Suffix, double Ms)[] { ("ms", 1), ("us", 0.001), ("s", 1000), ("m", 60_000), ("h", 3_600_000) };
        foreach (var (suffix, ms) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return TimeSpan.FromMilliseconds(v * ms);
            }
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain)
            ? TimeSpan.FromMilliseconds(plain)
            : throw new FormatException($"'{text}' is not a duration (e.g. 500ms, 2s, 1m).");
    }

    private string? Last(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var list) ? list[^1] : null;
    }

    private T Number<T>(string name, T fallback, Func<string, T> parse)
    {
        var text = Last(name);
        if (text is null)
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new UsageException($"--{name} {text}: not a valid value.");
        }
        catch (OverflowException)
        {
            throw new UsageException($"--{name} {text}: out of range.");
        }
    }
}

/// <summary>The command line is wrong; the message says how.</summary>
public sealed class UsageException(string message) : Exception(message);
