using System.Globalization;
using System.Text;

namespace Tiketi.LoadTest.Measuring;

/// <summary>
/// The live progress line: per operation the count and the rate over the last interval, errors, the
/// requests in flight, and the scenario's own status. On a terminal it rewrites one line; when the
/// output is redirected (CI, a log file) it prints a line per interval instead.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    private readonly Metrics _metrics;
    private readonly TextWriter _output;
    private readonly Func<string> _status;
    private readonly bool _rewrite;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, long> _previous = new(StringComparer.Ordinal);

    public ProgressReporter(Metrics metrics, TextWriter output, Func<string> status, TimeSpan interval, bool rewrite)
    {
        _metrics = metrics;
        _output = output;
        _status = status;
        _rewrite = rewrite;
        _loop = LoopAsync(interval);
    }

    public string Line(double intervalSeconds)
    {
        var c = CultureInfo.InvariantCulture;
        var line = new StringBuilder();
        line.Append(c, $"[{_metrics.ElapsedSeconds,6:F1}s]");
        foreach (var op in _metrics.Operations)
        {
            var count = op.Count;
            var rate = (count - _previous.GetValueOrDefault(op.Name)) / intervalSeconds;
            _previous[op.Name] = count;
            line.Append(c, $" {op.Name} {count} ({rate:F0}/s)");
        }

        var (_, errors, _) = _metrics.Totals();
        line.Append(c, $" | errors {errors} | in flight {_metrics.InFlight}");
        var status = _status();
        if (status.Length > 0)
        {
            line.Append(" | ").Append(status);
        }

        return line.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        if (_rewrite)
        {
            await _output.WriteLineAsync();
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var line = Line(interval.TotalSeconds);
            if (_rewrite)
            {
                var width = Math.Max(40, Console.WindowWidth - 1);
                await _output.WriteAsync("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
            }
            else
            {
                await _output.WriteLineAsync(line);
            }

            await _output.FlushAsync();
        }
    }
}
