using BenchmarkDotNet.Running;
using Tiketi.Benchmarks;

// "--memory [N]": retained bytes per queued buyer (not a BenchmarkDotNet measurement); otherwise BenchmarkDotNet's switcher.
if (args is ["--memory", ..])
{
    QueueMemory.Print(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000, Console.Out);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BestAvailableBenchmarks).Assembly).Run(args);
return 0;
