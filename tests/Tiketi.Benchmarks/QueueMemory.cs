using System.Globalization;
using System.Text.Json;
using Tiketi.Queue;

namespace Tiketi.Benchmarks;

/// <summary>
/// Retained memory per queued buyer: the managed heap before and after N buyers (32-character ids, as
/// the API's account ids) join one <see cref="QueueLine"/>, the id strings included since the grain
/// holds them. Also the size of the state the grain writes after every join, as JSON.
/// </summary>
public static class QueueMemory
{
    public static void Print(int buyers, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        var now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        var before = Heap();
        var state = new WaitingQueueState();
        var line = new QueueLine(state);
        for (var i = 0; i < buyers; i++)
        {
            line.Join(Guid.NewGuid().ToString("N"), now);
        }

        var after = Heap();
        var perBuyer = (double)(after - before) / buyers;
        GC.KeepAlive(line);
        var json = JsonSerializer.SerializeToUtf8Bytes(state).Length;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            line.Join($"late-{i}", now);
        }

        var joinUs = watch.Elapsed.TotalMicroseconds / 10_000;
        watch.Restart();
        for (var i = 0; i < 10_000; i++)
        {
            line.Status($"late-{i}", now);
        }

        var statusUs = watch.Elapsed.TotalMicroseconds / 10_000;
        state.Settings = state.Settings with { AdmissionsPerSecond = 10, MaxActiveShoppers = int.MaxValue };
        line.Admit(now);
        watch.Restart();
        for (var i = 1; i <= 1_000; i++)
        {
            line.Admit(now.AddSeconds(i));
        }

        var admitUs = watch.Elapsed.TotalMicroseconds / 1_000;
        output.WriteLine(string.Create(c, $"queued buyers:              {buyers:N0}"));
        output.WriteLine(string.Create(c, $"retained heap:              {(after - before) / 1024.0 / 1024:F1} MiB"));
        output.WriteLine(string.Create(c, $"bytes per queued buyer:     {perBuyer:F1} (of which the 32-char id string: {Id():F0})"));
        output.WriteLine(string.Create(c, $"join / position read / admission tick: {joinUs:F2} / {statusUs:F2} / {admitUs:F2} µs (in memory, no write)"));
        output.WriteLine(string.Create(c, $"state as JSON:              {json / 1024.0 / 1024:F1} MiB ({(double)json / buyers:F1} bytes per buyer), written whole after every join"));
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Id()
    {
        const int n = 100_000;
        var before = Heap();
        var ids = new string[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = Guid.NewGuid().ToString("N");
        }

        var after = Heap();
        GC.KeepAlive(ids);
        return (double)(after - before - (n * IntPtr.Size)) / n;
    }
}
