using System.Net;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;
using Tiketi.Api.Hosting;

namespace Tiketi.Api.Tests.Resilience;

/// <summary>
/// Whatever transient failure a grain call ends in, a buyer gets a clean 503 problem with the retryable
/// code and Retry-After: never a 500, never the name of an exception.
/// </summary>
[Collection(FaultyClusterCollection.Name)]
public sealed class UnavailableMappingTests(FaultyCluster cluster)
{
    private const string Read = "IEventGrain.GetAsync";

    public static TheoryData<string> Failures => [.. Transient.Keys];

    private static Dictionary<string, Func<Exception>> Transient => new(StringComparer.Ordinal)
    {
        [nameof(OrleansMessageRejectionException)] = () => FaultInjector.Make<OrleansMessageRejectionException>("Target silo is unavailable"),
        [nameof(GatewayTooBusyException)] = () => new GatewayTooBusyException("Shedding load"),
        [nameof(SiloUnavailableException)] = () => new SiloUnavailableException("The target silo became unavailable"),
        [nameof(ConnectionFailedException)] = () => new ConnectionFailedException("Unable to connect"),
        [nameof(ClientNotAvailableException)] = () => FaultInjector.Make<ClientNotAvailableException>("Client gone"),
        [nameof(TimeoutException)] = () => new TimeoutException("Response did not arrive on time"),
        [nameof(InconsistentStateException)] = () => new InconsistentStateException("Version conflict", "1", "2"),
        [nameof(CodecNotFoundException)] = () => new CodecNotFoundException("Could not find a codec for type Npgsql.NpgsqlException"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task GrainCall_FailsTransiently_Answers503WithRetryableCodeAndRetryAfter(string failure)
    {
        cluster.Faults.Fail(Read, Transient[failure]);
        try
        {
            using var http = cluster.SiloHost.CreateClient();
            using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("SYS002", ApiSession.Code(System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject()));
            Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain(failure, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        }
        finally
        {
            cluster.Faults.Heal(Read);
        }
    }

    [Fact]
    public async Task GrainCall_FailsWithABug_Answers500WithoutInternals()
    {
        cluster.Faults.Fail(Read, () => new InvalidCastException("Unable to cast Tiketi.Secret"));
        try
        {
            using var http = cluster.SiloHost.CreateClient();
            using var response = await http.GetAsync(new Uri($"/api/events/{DemoSeeder.EventId}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("SYS001", ApiSession.Code(System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject()));
            Assert.Null(response.Headers.RetryAfter);
            Assert.DoesNotContain("Tiketi.Secret", body, StringComparison.Ordinal);
        }
        finally
        {
            cluster.Faults.Heal(Read);
        }
    }
}
