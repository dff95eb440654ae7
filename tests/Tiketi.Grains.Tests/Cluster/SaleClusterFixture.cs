using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Tiketi.Common;
using Tiketi.Orders.Payments;

namespace Tiketi.Grains.Tests.Cluster;

/// <summary>
/// Two in-process silos with in-memory storage, streams and reminders, sharing one hand-driven sale
/// clock and one test payment gateway. Tests use fresh event ids, so they do not see each other.
/// </summary>
public sealed class SaleClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero));

    public TestPaymentGateway Payments { get; } = new();

    /// <summary>Records the grain calls of requests a test traces, on both silos.</summary>
    public CallChainRecorder CallChains { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorageAsDefault()
                .AddMemoryGrainStorage("PubSubStore")
                .AddMemoryStreams(SaleStreams.Provider)
                .UseInMemoryReminderService();
            silo.Services.AddSaleEngine()
                .AddSaleClock(Clock)
                .AddSingleton<IPaymentGateway>(Payments)
                .AddSingleton<IOutgoingGrainCallFilter>(CallChains)
                .Configure<SaleOptions>(o =>
                {
                    o.PassSigningKey = TestKeys.Pass;
                    o.TicketSigningKey = TestKeys.Ticket;
                    o.HoldSweepInterval = TimeSpan.FromMilliseconds(100);
                    o.CountsReportInterval = TimeSpan.FromMilliseconds(50);
                    o.AdmissionTick = TimeSpan.FromMilliseconds(100);
                    o.PaymentTimeout = TimeSpan.FromMilliseconds(300);
                    o.PaymentSettleInterval = TimeSpan.FromSeconds(1);

                    // Longer than a test's few holds take, even on a busy machine: a hold finds the event cached.
                    o.EventCacheRefresh = TimeSpan.FromSeconds(2);
                })
                .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(SaleStreams.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SaleClusterCollection : ICollectionFixture<SaleClusterFixture>
{
    public const string Name = "sale cluster";
}

public static class TestKeys
{
    public const string Pass = "test-pass-key-0123456789abcdef0123456789";
    public const string Ticket = "test-ticket-key-0123456789abcdef012345678";
}
