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

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 10_000; i++)
        {
            line.Join($"{Guid.NewGuid():N}", now);
        }

        var joinUs = watch.Elapsed.TotalMicroseconds / 10_000;
        var random = new Random(7);
        watch.Restart();
        long sum = 0;
        for (var i = 0; i < 100_000; i++)
        {
            sum += line.Status(ids[random.Next(buyers)], now).Position;
        }

        var statusUs = watch.Elapsed.TotalMicroseconds / 100_000;
        line.Configure(line.Settings with { AdmissionsPerSecond = 10, MaxActiveShoppers = int.MaxValue });
        line.Admit(now);
        watch.Restart();
        for (var i = 1; i <= 1_000; i++)
        {
            line.Admit(now.AddSeconds(i));
        }

        var admitUs = watch.Elapsed.TotalMicroseconds / 1_000;
        line.Changes.Take();

        var fromRecords = Time(() => QueueReplay.Load(null, [.. records.Select(r => (ReadOnlyMemory<byte>)r)]).Waiting);
        watch.Restart();
        var snapshot = QueueSnapshot.Write(line);
        var snapshotMs = watch.Elapsed.TotalMilliseconds;
        var fromSnapshot = Time(() => QueueReplay.Load(snapshot, []).Waiting);

        output.WriteLine(string.Create(c, $"queued buyers:              {buyers:N0}"));
        output.WriteLine(string.Create(c, $"retained heap:              {(after - before) / 1024.0 / 1024:F1} MiB"));
        output.WriteLine(string.Create(c, $"bytes per queued buyer:     {perBuyer:F1} (of which the 32-char id string: {Id():F0})"));
        output.WriteLine(string.Create(c, $"journal bytes per join:     {(double)recordBytes / buyers:F1} ({records.Count:N0} records of {Batch:N0} joins)"));
        output.WriteLine(string.Create(c, $"join / position read / admission tick: {joinUs:F2} / {statusUs:F3} / {admitUs:F2} µs (in memory, no write; checksum {sum % 10})"));
        output.WriteLine(string.Create(c, $"snapshot:                   {snapshot.Length / 1024.0 / 1024:F1} MiB ({(double)snapshot.Length / (buyers + 10_000):F1} bytes per place), written in {snapshotMs:F0} ms"));
        output.WriteLine(string.Create(c, $"activation from records:    {fromRecords.Ms:F0} ms ({fromRecords.Waiting:N0} waiting)"));
        output.WriteLine(string.Create(c, $"activation from snapshot:   {fromSnapshot.Ms:F0} ms ({fromSnapshot.Waiting:N0} waiting)"));
    }

    private static (double Ms, long Waiting) Time(Func<long> load)
    {
        Heap();
        var watch = Stopwatch.StartNew();
        var waiting = load();
        return (watch.Elapsed.TotalMilliseconds, waiting);
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
