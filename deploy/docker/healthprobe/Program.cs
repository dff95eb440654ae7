using System.Net.Sockets;

namespace Tiketi.HealthProbe;

/// <summary>
/// Exit 0 when the process in this container answers, 1 when it does not. Two checks:
/// <c>http /health/live</c> GETs a path on this host's HTTP port (the first of ASPNETCORE_HTTP_PORTS, 8080 when unset)
/// and wants a 2xx; <c>orleans-gateway</c> opens a TCP connection to the silo's gateway
/// (Orleans__AdvertisedIp or loopback, Orleans__GatewayPort or 30000), which a silo opens only once it has joined its cluster.
/// </summary>
public static class Probe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            return args switch
            {
                ["http", var path] => await HttpAsync(path, cancel.Token),
                ["orleans-gateway"] => await TcpAsync(Env("Orleans__AdvertisedIp", "127.0.0.1"), int.Parse(Env("Orleans__GatewayPort", "30000"), System.Globalization.CultureInfo.InvariantCulture), cancel.Token),
                _ => Usage(),
            };
        }
        catch (Exception exception) when (exception is HttpRequestException or SocketException or OperationCanceledException or FormatException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> HttpAsync(string path, CancellationToken cancellationToken)
    {
        var port = Env("ASPNETCORE_HTTP_PORTS", "8080").Split([';', ','], StringSplitOptions.RemoveEmptyEntries)[0];
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}{path}"), cancellationToken);
        Console.WriteLine($"{(int)response.StatusCode} {path}");
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    private static async Task<int> TcpAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host == "0.0.0.0" ? "127.0.0.1" : host, port, cancellationToken);
        Console.WriteLine($"gateway {host}:{port} accepts connections");
        return 0;
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : fallback;

    private static int Usage()
    {
        // Docker reserves exit code 2; a misconfigured probe is simply unhealthy.
        Console.Error.WriteLine("usage: HealthProbe http <path> | HealthProbe orleans-gateway");
        return 1;
    }
}
