using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>A copier's SNMP address from the site file: <c>host</c>, <c>host:port</c>, <c>[v6]:port</c> or a bare IPv6 literal.</summary>
public readonly record struct SnmpAgentAddress(string Host, int Port)
{
    public static bool TryParse(string? text, out SnmpAgentAddress address, out string error)
    {
        address = default;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "empty SNMP address";
            return false;
        }

        var host = text;
        var port = SnmpOptions.DefaultPort;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = $"'{text}' is not [IPv6]:port";
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is not null && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{text}': port '{portText}' is not in 1..65535";
            return false;
        }

        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
        {
            error = $"'{text}' has no usable host";
            return false;
        }

        address = new SnmpAgentAddress(host, port);
        error = "";
        return true;
    }

    /// <summary>The UDP endpoint: an IP literal as is, a name through DNS (IPv4 preferred). Null with the reason when unresolvable.</summary>
    public async Task<(IPEndPoint? Endpoint, string? Error)> ResolveAsync(CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(Host, out var literal))
        {
            return (new IPEndPoint(literal, Port), null);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(Host, cancellationToken);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen is null ? (null, $"host '{Host}' has no address") : (new IPEndPoint(chosen, Port), null);
        }
        catch (SocketException ex)
        {
            return (null, $"host '{Host}' cannot be resolved: {ex.SocketErrorCode}");
        }
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{Host}]:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");
}
