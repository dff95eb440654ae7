using System.Diagnostics;
using System.Globalization;
using Tiketi.LoadTest.Measuring;
using Tiketi.LoadTest.Reporting;

namespace Tiketi.LoadTest.Scenarios.Rush;

/// <summary>
/// <c>--fault "&lt;shell command&gt;" --fault-at 20s</c>: at that second of the rush (counted from the
/// opening) the command runs (kill a silo, restart PostgreSQL, ...; see deploy/faults/run-fault.sh),
/// and the report gets when it ran, its exit code, and how long the rush took to get back to its rate.
/// </summary>
public sealed class FaultInjection(string command, TimeSpan at, Metrics metrics)
{
    private Task<int>? _run;
    private double _firedAtSecond = -1;

    public static FaultInjection? From(RushOptions options, Metrics metrics) =>
        options.Fault is { Length: > 0 } command ? new FaultInjection(command, options.FaultAt, metrics) : null;

    /// <summary>Starts the countdown; the command runs in the background, the rush does not wait for it.</summary>
    public void Arm(CancellationToken cancellationToken) => _run = RunAsync(cancellationToken);

    public async Task ReportAsync(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.Parameters["fault"] = command;
        report.Parameters["faultAt"] = at.ToString("c", CultureInfo.InvariantCulture);
        if (_run is null || _firedAtSecond < 0)
        {
            return;
        }

        report.Figures["faultAtSecond"] = Math.Round(_firedAtSecond, 3);
        report.Figures["faultExitCode"] = await _run.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        var second = (int)Math.Floor(_firedAtSecond);
        var buyerOps = metrics.Operations.Where(o => !metrics.SetupOperations.Contains(o.Name)).Select(o => o.OkPerSecond());
        Figure(report, "all", Recovery.Of(Recovery.Sum(buyerOps), second));
        Figure(report, "hold", Recovery.Of(metrics["hold"].OkPerSecond(), second));
        Figure(report, "checkout", Recovery.Of(metrics["checkout"].OkPerSecond(), second));
    }

    private static void Figure(RunReport report, string name, (double RateBefore, int? Seconds) recovery)
    {
        report.Figures[$"{name}RateBeforeFault"] = Math.Round(recovery.RateBefore, 1);
        report.Figures[$"{name}RecoverySeconds"] = recovery.Seconds ?? -1;
    }

    private async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(at, cancellationToken);
        _firedAtSecond = metrics.ElapsedSeconds;
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fault command.");
        await process.WaitForExitAsync(CancellationToken.None);
        return process.ExitCode;
    }
}
