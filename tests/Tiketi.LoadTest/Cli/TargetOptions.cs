using Tiketi.LoadTest.Targets;
using Tiketi.LoadTest.Targets.Orleans;

namespace Tiketi.LoadTest.Cli;

/// <summary>Where the load goes: <c>--target silo|inproc|http</c> and how to reach it.</summary>
public sealed record TargetOptions(
    string Kind, IReadOnlyList<string> Gateways, string? Postgres, string ClusterId, string ServiceId,
    double TimeScale, TimeSpan HoldGrace, IReadOnlyList<string> Urls, string? AdminEmail, string? AdminPassword, string BuyerPassword,
    TimeSpan RetryBudget, bool ClusterGiven = false, bool CountCosts = false, bool Coalesce = true)
{
    public static TargetOptions Read(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var kind = line.Text("target", "inproc");
        if (kind is not ("silo" or "inproc" or "http"))
        {
            throw new UsageException($"--target {kind}: use silo (an Orleans client of a cluster), inproc (a silo in this process) or http (the REST API).");
        }

        var gateways = line.All("gateway");
        var urls = line.All("url");
        var options = new TargetOptions(
            kind,
            gateways.Count == 0 ? ["127.0.0.1:30000"] : gateways,
            line.Text("postgres"),
            line.Text("cluster-id", "tiketi"),
            line.Text("service-id", "tiketi"),
            line.Real("time-scale", 1),
            line.Duration("hold-grace", TimeSpan.FromSeconds(2)),
            urls.Count == 0 ? ["http://127.0.0.1:5000"] : urls,
            line.Text("admin-email"),
            line.Text("admin-password"),
            line.Text("buyer-password", "load-test-Password-1"),
            line.Duration("retry-budget", TimeSpan.FromSeconds(10)));
        var coalesce = line.Text("coalesce", "on");
        if (coalesce is not ("on" or "off"))
        {
            throw new UsageException($"--coalesce {coalesce}: use on (joins and position reads share grain calls) or off (one call each).");
        }

        options = options with { ClusterGiven = gateways.Count > 0 || options.Postgres is not null, CountCosts = line.Flag("count-costs"), Coalesce = coalesce == "on" };
        if (options.CountCosts && kind != "inproc")
        {
            throw new UsageException("--count-costs counts the grain calls and state writes of an in-process silo only (--target inproc).");
        }

        if (options.TimeScale is < 1 or > 1000 || (options.TimeScale != 1 && kind != "inproc"))
        {
            throw new UsageException("--time-scale (1-1000) speeds up the sale clock of an in-process silo only (--target inproc).");
        }

        if (options.RetryBudget < TimeSpan.Zero || options.RetryBudget > TimeSpan.FromMinutes(1))
        {
            throw new UsageException("--retry-budget is between 0 (never retry) and 1m.");
        }

        return options;
    }

    public async Task<ISaleTarget> ConnectAsync(CancellationToken cancellationToken) => Kind switch
    {
        "silo" => await OrleansConnections.ConnectAsync(Gateways, Postgres, ClusterId, ServiceId, HoldGrace, RetryBudget, Coalesce, cancellationToken),
        "inproc" => await OrleansConnections.StartInProcessAsync(TimeScale, CountCosts ? new Measuring.GrainCostCounter() : null, Coalesce, cancellationToken),
        _ => await Targets.Http.HttpSaleTarget.ConnectAsync(this, cancellationToken),
    };
}
