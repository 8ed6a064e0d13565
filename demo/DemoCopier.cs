using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Demo;

/// <summary>
/// A centre's copier as the agent sees it over the network: a small SNMP v2c agent on a loopback UDP port
/// answering GET for prtMarkerLifeCount (the page counter, which <see cref="Print"/> advances) and
/// hrPrinterStatus, with the agent's own BER codec. Any community is accepted (the demo's agents use the
/// default <c>public</c>); other OIDs answer noSuchInstance, other PDUs are ignored, as a copier would.
/// </summary>
public sealed class DemoCopier : IAsyncDisposable
{
    // Idle (3) between jobs, printing (4) while the demo advances the counter.
    private const long Idle = 3;
    private const long Printing = 4;

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _pages;
    private long _status = Idle;
    private long _requests;

    /// <param name="lifePages">The counter at start: a copier that has already printed a few thousand pages.</param>
    public DemoCopier(uint lifePages)
    {
        _pages = lifePages;
        _loop = Task.Run(LoopAsync);
    }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    /// <summary>The copier's <c>snmpAddress</c> for the demo's site file.</summary>
    public string Address => FormattableString.Invariant($"127.0.0.1:{Port}");

    /// <summary>prtMarkerLifeCount as the copier reports it (a Counter32).</summary>
    public uint LifePages => unchecked((uint)Interlocked.Read(ref _pages));

    /// <summary>GET requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Prints one page: the counter advances, the status says printing until <see cref="Done"/>.</summary>
    public void Print()
    {
        Interlocked.Exchange(ref _status, Printing);
        Interlocked.Increment(ref _pages);
    }

    /// <summary>The job is over: back to idle.</summary>
    public void Done() => Interlocked.Exchange(ref _status, Idle);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException or OperationCanceledException)
        {
            // The loop ends on the closed socket.
        }

        _stop.Dispose();
    }

    /// <summary>The answer to one datagram, or null when a copier would stay silent.</summary>
    internal byte[]? Answer(ReadOnlySpan<byte> datagram)
    {
        if (!SnmpMessageCodec.TryDecode(datagram, out var request, out _) || request!.PduType != BerTag.GetRequest)
        {
            return null;
        }

        var bindings = request.VarBinds.Select(b => new SnmpVarBind(b.Oid, Value(b.Oid))).ToArray();
        Interlocked.Increment(ref _requests);
        return SnmpMessageCodec.Encode(request with { PduType = BerTag.Response, ErrorStatus = SnmpErrorStatus.NoError, ErrorIndex = 0, VarBinds = bindings });
    }

    private SnmpValue Value(SnmpOid oid)
    {
        if (oid == CopierOids.PageCounter)
        {
            return SnmpValue.Counter32(LifePages);
        }

        return oid == CopierOids.PrinterStatus ? SnmpValue.Integer(Interlocked.Read(ref _status)) : SnmpValue.NoSuchInstance;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _udp.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP port-unreachable of an earlier answer surfaces here on some systems: keep serving.
                continue;
            }

            if (Answer(datagram.Buffer) is { } reply)
            {
                try
                {
                    await _udp.SendAsync(reply, datagram.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The agent gave up on that request; it will ask again.
                }
            }
        }
    }
}
