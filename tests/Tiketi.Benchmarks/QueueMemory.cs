using System.Diagnostics;
using System.Globalization;
using Tiketi.Queue;

namespace Tiketi.Benchmarks;

/// <summary>
/// The waiting queue at N places, timed with a stopwatch (BenchmarkDotNet's runs were unstable on the
/// shared machine): retained memory per queued buyer (32-character GUID ids, as the API's account ids,
/// the strings included since the queue holds them), the journal bytes a join costs, the in-memory cost
/// of a join, a position read and an admission tick, and what an activation pays to rebuild N places
/// from the journal's records and from a snapshot.
/// </summary>
public static class QueueMemory
{
    /// <summary>Joins per record, as a coalesced batch of joins is written.</summary>
    private const int Batch = 1_000;

    public static void Print(int buyers, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        var now = new DateTimeOffset(2026, 11, 24, 20, 0, 0, TimeSpan.Zero);
        var ids = new string[buyers];
        var records = new List<byte[]>(buyers / Batch + 1);
        var before = Heap();
        var line = new QueueLine();
        for (var i = 0; i < buyers; i++)
        {
            ids[i] = Guid.NewGuid().ToString("N");
            line.Join(ids[i], now.AddTicks(i * 10_000L));
            if ((i + 1) % Batch == 0)
            {
                records.Add(line.Changes.Take());
            }
        }

        records.Add(line.Changes.Take());
        var after = Heap() - records.Sum(r => (long)r.Length + 24);
        GC.KeepAlive(line);
        var perBuyer = (double)(after - before) / buyers;
        var recordBytes = records.Sum(r => (long)r.Length);

        // As the previous build measured them: 10,000 new buyers join, then read their own positions.
        var join = Measure(10_000, i => line.Join($"late-{i}", now).Value!.Position);
        var ownRead = Measure(10_000, i => line.Status($"late-{i}", now).Position);

        // A waiting room's reads: random buyers across the whole queue (cache misses included).
        var random = new Random(7);
        var randomRead = Measure(100_000, _ => line.Status(ids[random.Next(buyers)], now).Position);
        line.Configure(line.Settings with { AdmissionsPerSecond = 10, MaxActiveShoppers = int.MaxValue });
        line.Admit(now);
        var admit = Measure(1_000, i => line.Admit(now.AddSeconds(i + 1)).Count);
        line.Changes.Take();

        var fromRecords = Measure(1, _ => QueueReplay.Load(null, [.. records.Select(r => (ReadOnlyMemory<byte>)r)]).Waiting);
        byte[] snapshot = [];
        var write = Measure(1, _ => (snapshot = QueueSnapshot.Write(line)).Length);
        var fromSnapshot = Measure(1, _ => QueueReplay.Load(snapshot, []).Waiting);

        output.WriteLine(string.Create(c, $"queued buyers:              {buyers:N0}"));
        output.WriteLine(string.Create(c, $"retained heap:              {(after - before) / 1024.0 / 1024:F1} MiB"));
        output.WriteLine(string.Create(c, $"bytes per queued buyer:     {perBuyer:F1} (of which the 32-char id string: {Id():F0})"));
        output.WriteLine(string.Create(c, $"journal bytes per join:     {(double)recordBytes / buyers:F1} ({records.Count:N0} records of {Batch:N0} joins)"));
        output.WriteLine("in memory, no write; wall time (process CPU time):");
        output.WriteLine(string.Create(c, $"  join:                     {join.WallUs:F2} µs ({join.CpuUs:F2})"));
        output.WriteLine(string.Create(c, $"  position read, own:       {ownRead.WallUs:F3} µs ({ownRead.CpuUs:F3})"));
        output.WriteLine(string.Create(c, $"  position read, random:    {randomRead.WallUs:F3} µs ({randomRead.CpuUs:F3}); checksum {randomRead.Sum % 10}"));
        output.WriteLine(string.Create(c, $"  admission tick (10 a s):  {admit.WallUs:F2} µs ({admit.CpuUs:F2})"));
        output.WriteLine(string.Create(c, $"snapshot:                   {snapshot.Length / 1024.0 / 1024:F1} MiB ({(double)snapshot.Length / line.Places.Count:F1} bytes per place), written in {write.WallUs / 1000:F0} ms ({write.CpuUs / 1000:F0})"));
        output.WriteLine(string.Create(c, $"activation from records:    {fromRecords.WallUs / 1000:F0} ms ({fromRecords.CpuUs / 1000:F0}), {fromRecords.Sum:N0} waiting"));
        output.WriteLine(string.Create(c, $"activation from snapshot:   {fromSnapshot.WallUs / 1000:F0} ms ({fromSnapshot.CpuUs / 1000:F0}), {fromSnapshot.Sum:N0} waiting"));
    }

    /// <summary>Runs <paramref name="step"/> n times: wall and process CPU microseconds per step, and the sum of what it returned.</summary>
    private static (double WallUs, double CpuUs, long Sum) Measure(int n, Func<int, long> step)
    {
        Heap();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        long sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += step(i);
        }

        var wall = watch.Elapsed.TotalMicroseconds;
        process.Refresh();
        return (wall / n, (process.TotalProcessorTime - cpu).TotalMicroseconds / n, sum);
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
