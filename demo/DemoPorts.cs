using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Demo;

/// <summary>Picks the loopback ports of the demo hub: the requested one, the usual one if free, or any free one.</summary>
public static class DemoPorts
{
    /// <param name="requested">Null: <paramref name="preferred"/> when free, else a free port; 0: a free port; else exactly this port.</param>
    public static int Resolve(int? requested, int preferred, string what, ILogger logger)
    {
        if (requested is > 0)
        {
            return requested.Value;
        }

        if (requested is null && IsFree(preferred))
        {
            return preferred;
        }

        var chosen = Free();
        if (requested is null)
        {
            DemoLog.PortTaken(logger, preferred, what, chosen);
        }

        return chosen;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
