using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tiketi.Observability;

namespace Tiketi.Silo.Observability;

/// <summary>
/// Writes one EMF line per event per period (<see cref="EmfDocument"/>) for the CloudWatch agent, which
/// turns it into the <c>Tiketi/Queue QueueSize</c> metric. It needs no AWS credentials in the process.
/// </summary>
public sealed partial class EmfQueueMetricsPublisher : IQueueMetricsPublisher, IDisposable
{
    private readonly EmfOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<EmfQueueMetricsPublisher> _logger;
    private readonly Lock _gate = new();
    private readonly UdpClient? _udp;
    private readonly string? _file;

    public EmfQueueMetricsPublisher(IOptions<EmfOptions> options, ILogger<EmfQueueMetricsPublisher> logger, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        if (_options.Target.StartsWith("file:", StringComparison.Ordinal))
        {
            _file = _options.Target["file:".Length..];
            if (Path.GetDirectoryName(Path.GetFullPath(_file)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }
        else if (_options.Target.StartsWith("udp://", StringComparison.Ordinal))
        {
            var endpoint = _options.Target["udp://".Length..].Split(':');
            _udp = new UdpClient();
            _udp.Connect(endpoint[0], int.Parse(endpoint[1], CultureInfo.InvariantCulture));
        }
    }

    public void Publish(QueueLengthSample sample) =>
        Write(EmfDocument.Format(sample, _clock.GetUtcNow(), _options.StorageResolution, _options.ServiceName, _options.LogGroupName));

    /// <summary>The pre-warm floor, one line per period per host (the alarm takes the maximum).</summary>
    public void PublishPrewarm(int instances) =>
        Write(EmfDocument.FormatPrewarm(instances, _clock.GetUtcNow(), _options.StorageResolution, _options.ServiceName, _options.LogGroupName));

    /// <summary>Nothing to retract: a CloudWatch metric simply receives no more points from this host.</summary>
    public void Retire(string eventId)
    {
    }

    public void Dispose() => _udp?.Dispose();

    private void Write(string line)
    {
        try
        {
            lock (_gate)
            {
                if (_file is not null)
                {
                    File.AppendAllText(_file, line + "\n");
                }
                else if (_udp is not null)
                {
                    var bytes = Encoding.UTF8.GetBytes(line + "\n");
                    _udp.Send(bytes, bytes.Length);
                }
                else
                {
                    Console.Out.WriteLine(line);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or UnauthorizedAccessException)
        {
            LogWriteFailed(_logger, exception, _options.Target);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing EMF queue metrics to {Target} failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string target);
}
