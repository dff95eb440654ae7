using BenchmarkDotNet.Running;
using Tiketi.Benchmarks;

// "--memory [N]": retained bytes per queued buyer (not a BenchmarkDotNet measurement); otherwise BenchmarkDotNet's switcher.
if (args is ["--memory", ..])
{
    QueueMemory.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return 0;
}

// "--storage CONNECTION [writers] [seconds] [payload] [rounds] [connections]" and "--journal-load CONNECTION [records] [bytes]":
// grain storage against a PostgreSQL server (docs/benchmarks.md, "Storage: group commit").
if (args is ["--storage", var server, ..])
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await Tiketi.Benchmarks.Storage.StorageBench.RunWritesAsync(server, Arg(2, 200), Arg(3, 10), Arg(4, 200), Arg(5, 2), Arg(6, 2), Console.Out);
    return 0;
}

if (args is ["--journal-load", var journalServer, ..])
{
    int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    await Tiketi.Benchmarks.Storage.StorageBench.RunJournalLoadAsync(journalServer, Arg(2, 1_000_000), Arg(3, 24), Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BestAvailableBenchmarks).Assembly).Run(args);
return 0;
