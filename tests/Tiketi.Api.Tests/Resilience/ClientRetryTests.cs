using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Tiketi.Api.Hosting;
using Tiketi.Silo.Clients;

namespace Tiketi.Api.Tests.Resilience;

/// <summary>
/// An API host that is an Orleans client of a cluster (here: the embedded silo of another host, whose
/// grains fail on demand) retries retry-safe calls through a transient failure, so the buyer never
/// sees it, and never retries a call that could do something twice.
/// </summary>
[Collection(FaultyClusterCollection.Name)]
public sealed class ClientRetryTests(FaultyCluster cluster)
{
    [Fact]
    public async Task RetrySafeCall_FailsTwiceThenSucceeds_BuyerSeesOnlyTheAnswer()
    {
        var counts = cluster.ClientHost.Services.GetRequiredService<ClientRetryCounts>();
        var (retries, recovered) = (counts.Retries, counts.Recovered);
        var before = cluster.Faults.Calls("IEventGrain.GetAsync");
        cluster.Faults.Fail("IEventGrain.GetAsync", () => new SiloUnavailableException("The target silo became unavailable"), times: 2);

        using var http = cluster.ClientHost.CreateClient();
        using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, cluster.Faults.Calls("IEventGrain.GetAsync") - before);
        Assert.Equal(2, counts.Retries - retries);
        Assert.Equal(1, counts.Recovered - recovered);
    }

    [Fact]
    public async Task RetrySafeCall_StillFailingWhenBudgetRunsOut_Answers503WithRetryAfter()
    {
        var counts = cluster.ClientHost.Services.GetRequiredService<ClientRetryCounts>();
        var exhausted = counts.Exhausted;
        var before = cluster.Faults.Calls("IEventGrain.GetSummaryAsync");
        cluster.Faults.Fail("IEventGrain.GetSummaryAsync", () => FaultInjector.Make<OrleansMessageRejectionException>("Target silo is unavailable"));
        try
        {
            using var http = cluster.ClientHost.CreateClient();
            using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("\"SYS002\"", body, StringComparison.Ordinal);
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(cluster.Faults.Calls("IEventGrain.GetSummaryAsync") - before > 2, "the call was not retried within its budget");
            Assert.Equal(1, counts.Exhausted - exhausted);
        }
        finally
        {
            cluster.Faults.Heal("IEventGrain.GetSummaryAsync");
        }
    }

    [Fact]
    public async Task CallThatIsNotRetrySafe_FailsOnce_IsNotSentAgain()
    {
        var admin = await ApiSession.AdminAsync(cluster.ClientHost);
        var before = cluster.Faults.Calls("IEventGrain.DefineAsync");
        cluster.Faults.Fail("IEventGrain.DefineAsync", () => new SiloUnavailableException("The target silo became unavailable"), times: 1);

        var (status, problem) = await admin.SendAsync(HttpMethod.Post, "/api/admin/events", Sale.SaleSetup.Draft());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("SYS002", ApiSession.Code(problem));
        Assert.Equal(1, cluster.Faults.Calls("IEventGrain.DefineAsync") - before);
    }
}
