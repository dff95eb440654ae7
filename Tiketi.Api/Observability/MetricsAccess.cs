using System.Security.Cryptography;
using System.Text;
using Tiketi.Silo.Observability;

namespace Tiketi.Api.Observability;

/// <summary>
/// /metrics is for Prometheus, not the public: with <c>Metrics:Port</c> set, the host serves it (with its
/// probes) on that private port, as a silo does, through <see cref="SiloTelemetryServer"/>; on the public
/// port it answers only a bearer of <c>Metrics:ScrapeToken</c> (for setups that cannot open a port), and
/// 404 to everyone else, so its existence is not advertised.
/// </summary>
public sealed class MetricsAccess(RequestDelegate next, IConfiguration configuration)
{
    public const string ScrapeTokenKey = "Metrics:ScrapeToken";

    private readonly byte[]? _token = configuration[ScrapeTokenKey] is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/metrics"))
        {
            await next(context);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header["Bearer ".Length..]) : null;
        if (_token is not null && presented is not null && CryptographicOperations.FixedTimeEquals(presented, _token))
        {
            await next(context);
            return;
        }

        await Errors.Problems.Of(Errors.ApiErrors.NotFound, "No such route.").ExecuteAsync(context);
    }
}

/// <summary>Registers the private metrics port when <c>Metrics:Port</c> is set (0 or unset: none).</summary>
public static class MetricsPortExtensions
{
    public static WebApplicationBuilder AddTiketiMetricsPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue<int>($"{MetricsEndpointOptions.Section}:{nameof(MetricsEndpointOptions.Port)}") <= 0)
        {
            return builder;
        }

        builder.Services.AddOptions<MetricsEndpointOptions>()
            .Bind(builder.Configuration.GetSection(MetricsEndpointOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SiloTelemetryServer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloTelemetryServer>());
        return builder;
    }
}
