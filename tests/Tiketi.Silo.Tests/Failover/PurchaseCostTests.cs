using System.Diagnostics;
using Npgsql;
using Tiketi.TestSupport.Postgres;
using Xunit.Abstractions;

namespace Tiketi.Silo.Tests.Failover;

/// <summary>
/// Issue #14's durable cost, as a count: a rush through two real silo processes on PostgreSQL commits at
/// most three transactions per paid order (averaged over the rush, everything the cluster committed
/// meanwhile included: membership, reminders, the clients' gateway reads), and the sale's audit holds.
/// A count, not a timing: group commit shares transactions between grains that write at the same time,
/// so the rush runs buyers side by side, as a sale does.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PurchaseCostTests(PostgresServer postgres, ITestOutputHelper output)
{
    public const double MaxTransactionsPerPaidOrder = 3;

    // The statistics a backend gathers reach pg_stat_database when it next reports, about a second after
    // its last transaction (PostgreSQL 15+); waiting longer than that catches the rush's last commits.
    private static readonly TimeSpan StatsSettle = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Rush_TwoSiloProcesses_AtMostThreeTransactionsPerPaidOrderAndAuditClean()
    {
        await using var cluster = await ProcessCluster.CreateAsync(postgres, "purchase_cost");
        await cluster.RunAsync(output, async () =>
        {
            var clock = Stopwatch.StartNew();
            var silos = await cluster.StartSilosAsync(2);
            await cluster.WaitForMembershipAsync(silos, [], TimeSpan.FromSeconds(30));
            var client = await cluster.ConnectAsync();
            var eventId = await SaleAudit.CreateOnSaleAsync(client, SaleAudit.Event(blocks: 4, rows: 10, seatsPerRow: 25, TimeSpan.FromMinutes(7), queue: false));

            var before = await CommittedAsync(cluster.ConnectionString);
            var rush = new BuyerRush(client, eventId, blocks: 4);
            await rush.RunAsync(buyers: 600, parallel: 96, seed: 14);
            var after = await CommittedAsync(cluster.ConnectionString);

            var paid = rush.Paid.Count;
            var perOrder = (double)(after - before) / Math.Max(paid, 1);
            output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {rush.Holds.Count} holds, {paid} paid, {after - before} transactions: {perOrder:F2} per paid order");
            Assert.True(paid >= 250, $"only {paid} paid orders: the rush is too small to average over");
            Assert.True(perOrder <= MaxTransactionsPerPaidOrder, $"{after - before} transactions for {paid} paid orders: {perOrder:F2} each (at most {MaxTransactionsPerPaidOrder})");
            await SaleAudit.AssertConsistentAsync(client, eventId);
        });
    }

    /// <summary>Transactions the sale's database has committed so far (the probe's own included, on a connection of its own).</summary>
    private static async Task<long> CommittedAsync(string connectionString)
    {
        await Task.Delay(StatsSettle);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xact_commit from pg_stat_database where datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
