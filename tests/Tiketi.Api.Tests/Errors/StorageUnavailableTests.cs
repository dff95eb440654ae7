using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tiketi.Api.Errors;
using Tiketi.Common;

namespace Tiketi.Api.Tests.Errors;

/// <summary>A grain call that storage could not make durable reaches an HTTP client as a retryable 503 with SYS003, not a 500.</summary>
public sealed class StorageUnavailableTests
{
    [Fact]
    public async Task StorageUnavailableException_FromAGrain_Answers503Sys003WithRetryAfter()
    {
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ClusterUnavailableExceptionHandler(NullLogger<ClusterUnavailableExceptionHandler>.Instance);

        var handled = await handler.TryHandleAsync(context, new StorageUnavailableException("PostgreSQL stayed unreachable"), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
        var body = Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        Assert.Contains("\"code\":\"SYS003\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL", body, StringComparison.Ordinal);
    }
}
