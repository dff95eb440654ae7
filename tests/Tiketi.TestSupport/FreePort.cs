using System.Net;
using System.Net.Sockets;

namespace Tiketi.TestSupport;

/// <summary>Loopback TCP ports nobody listens on (at the moment of asking).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
