using System.Net.Sockets;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>A PC is alive when a TCP connection to its probe port (ssh, RDP, SMB) opens within the timeout.</summary>
public sealed class TcpPcProbe(IOptions<UsageOptions> options) : IPcProbe
{
    private readonly UsageOptions _options = options.Value;

    public async Task<bool> IsAliveAsync(PcConfiguration pc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pc);
        var port = _options.PcProbePorts.TryGetValue(pc.Id, out var own) ? own : _options.PcProbePort;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PcProbeTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(pc.HostName, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
