using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Tiketi.Api.Hosting;

/// <summary>Tells whoever ran the embedded default where to look, and that nothing they do is kept.</summary>
public sealed partial class EmbeddedBanner(IServer server, IHostApplicationLifetime lifetime, ILogger<EmbeddedBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            LogBanner(logger, url);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = """
        TIKETI embedded mode: one in-memory silo in this process. ALL DATA IS LOST ON EXIT.
          site:       {Url}/
          API docs:   {Url}/scalar
          OpenAPI:    {Url}/openapi/v1.json
          dashboard:  {Url}/dashboard (admins)
          metrics:    private: set Metrics__Port (or Metrics__ScrapeToken) to scrape /metrics
          health:     {Url}/health/ready
        Set ConnectionStrings__Tiketi to a PostgreSQL database to run as a client of a real cluster.
        """)]
    private static partial void LogBanner(ILogger logger, string url);
}
