using Microsoft.AspNetCore.SignalR.Client;

namespace Tiketi.LoadTest.Targets.Http;

/// <summary>
/// Follows one event's queue progress over SignalR. The .NET client's automatic reconnect returns to the
/// same URL, which is no use when that API host was killed; this moves to the next host instead and
/// watches the event again, so the waiting buyers keep being woken (they poll meanwhile).
/// </summary>
internal sealed class QueueFollower : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);
    private readonly IReadOnlyList<Uri> _apis;
    private readonly string _eventId;
    private readonly CancellationTokenSource _stop = new();
    private HubConnection? _connection;
    private int _host;

    public QueueFollower(IReadOnlyList<Uri> apis, string eventId)
    {
        _apis = apis;
        _eventId = eventId;
        Watch = new AdmissionWatch(DisposeAsync);
    }

    public AdmissionWatch Watch { get; }

    /// <summary>Times the watch moved to another host.</summary>
    public int Reconnects { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connection = SaleHubClient.Create(_apis[_host % _apis.Count]);
        connection.On<QueueProgressDto>("QueueProgress", p =>
        {
            if (p.EventId == _eventId)
            {
                Watch.Update(p.AdmittedUpTo, p.SoldOut);
            }
        });
        connection.Closed += OnClosedAsync;
        _connection = connection;
        await connection.StartAsync(cancellationToken);
        await connection.InvokeAsync("WatchEvent", _eventId, null, cancellationToken);
    }

    private async Task OnClosedAsync(Exception? error)
    {
        while (!_stop.IsCancellationRequested)
        {
            _host++;
            Reconnects++;
            try
            {
                if (_connection is { } old)
                {
                    old.Closed -= OnClosedAsync;
                    await old.DisposeAsync();
                }

                await StartAsync(_stop.Token);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                await Task.Delay(RetryPause, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_connection is { } connection)
        {
            connection.Closed -= OnClosedAsync;
            await connection.DisposeAsync();
        }

        _stop.Dispose();
    }
}
