using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// One <c>dotnet Tiketi.Silo.dll</c> process, configured only through environment variables as an
/// operator would. Its stdout and stderr are kept (the last lines) for the test output on failure.
/// Disposing kills it if it still runs.
/// </summary>
internal sealed class SiloProcess : IDisposable
{
    private const int KeptLines = 1_000;
    private const string StartedLine = "Application started";

    private readonly Process _process;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private SiloProcess(string name, Process process, int siloPort, int gatewayPort)
    {
        Name = name;
        _process = process;

        // A process that exits before it started (a failed migrate, a bad setting) faults this task;
        // a test that never waits for the start must not leave the fault unobserved.
        _started.Task.ContinueWith(t => t.Exception, TaskScheduler.Default);
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The built silo next to the tests (Tiketi.Silo is a project reference, so its dll, deps and runtimeconfig are copied).</summary>
    public static string SiloDll => Path.Combine(AppContext.BaseDirectory, "Tiketi.Silo.dll");

    /// <summary>Starts the silo (or, with <paramref name="arguments"/>, a command such as "migrate").</summary>
    public static SiloProcess Start(
        string name, IReadOnlyDictionary<string, string> environment, int siloPort = 0, int gatewayPort = 0, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(SiloDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Whatever the test run inherited must not leak into the silo's configuration.
        foreach (var key in start.Environment.Keys.Where(IsTiketiSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, process, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data, "out");
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data, "err");
        process.Exited += (_, _) => silo._started.TrySetException(
            new InvalidOperationException($"{name} exited with {process.ExitCode} before it started."));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits for the host's "Application started" line: every hosted service, the silo included, is up.</summary>
    public async Task WaitStartedAsync(TimeSpan within)
    {
        try
        {
            await _started.Task.WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not start within {within}.\n{Output()}");
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}\n{Output()}", ex);
        }
    }

    /// <summary>SIGKILL: the process dies at once, nothing is flushed or deactivated.</summary>
    public void Kill()
    {
        Record($"--- test: SIGKILL at {_clock.Elapsed.TotalSeconds:F1} s", "test");
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, the way an orchestrator stops a container, then waits for the process to exit.</summary>
    public async Task TerminateAsync(TimeSpan within)
    {
        Record($"--- test: SIGTERM at {_clock.Elapsed.TotalSeconds:F1} s", "test");
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(within);
    }

    public async Task WaitForExitAsync(TimeSpan within)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(within);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {within}.\n{Output()}");
        }

        // The asynchronous readers may still be draining the last lines.
        _process.WaitForExit();
    }

    public string Output()
    {
        lock (_lines)
        {
            var text = new StringBuilder($"===== {Name} (pid {_process.Id}, silo port {SiloPort}, gateway {GatewayPort}) =====\n");
            foreach (var line in _lines)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
    }

    private static bool IsTiketiSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Orleans__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Sale__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Tiketi__", StringComparison.OrdinalIgnoreCase);

    private void Record(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(StartedLine, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        lock (_lines)
        {
            _lines.Enqueue(stream == "out" ? line : $"[{stream}] {line}");
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
