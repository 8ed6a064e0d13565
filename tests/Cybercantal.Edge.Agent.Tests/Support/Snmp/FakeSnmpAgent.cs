using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Usage.Snmp;

namespace Cybercantal.Edge.Agent.Tests.Support.Snmp;

/// <summary>
/// A UDP responder on loopback for the client's unit tests: every request it receives is decoded, recorded and
/// handed to <c>respond</c>, whose datagrams (any bytes: garbage, truncations, foreign ids...) are sent back in order.
/// </summary>
public sealed class FakeSnmpAgent : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Func<SnmpMessage, IEnumerable<byte[]>> _respond;
    private readonly SemaphoreSlim _received = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeSnmpAgent(Func<SnmpMessage, IEnumerable<byte[]>> respond)
    {
        _respond = respond;
        _loop = Task.Run(LoopAsync);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public ConcurrentQueue<SnmpMessage> Requests { get; } = new();

    /// <summary>A well-formed Response to <paramref name="request"/> (same version, community and id unless overridden).</summary>
    public static byte[] Reply(
        SnmpMessage request,
        IReadOnlyList<SnmpVarBind> bindings,
        SnmpErrorStatus status = SnmpErrorStatus.NoError,
        int errorIndex = 0,
        int? requestId = null) =>
        SnmpMessageCodec.Encode(request with
        {
            PduType = BerTag.Response,
            RequestId = requestId ?? request.RequestId,
            ErrorStatus = status,
            ErrorIndex = errorIndex,
            VarBinds = bindings,
        });

    /// <summary>Answers every asked OID with the same value.</summary>
    public static byte[] ReplyAll(SnmpMessage request, SnmpValue value) =>
        Reply(request, request.VarBinds.Select(b => new SnmpVarBind(b.Oid, value)).ToArray());

    /// <summary>Waits (real time, a test guard only) until one more request arrived.</summary>
    public async Task WaitForRequestAsync()
    {
        if (!await _received.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException("the fake SNMP agent received no request within 10 s");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends on the disposed socket.
        }

        _stop.Dispose();
        _received.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (!SnmpMessageCodec.TryDecode(datagram.Buffer, out var request, out _))
            {
                continue;
            }

            foreach (var reply in _respond(request!))
            {
                await _udp.SendAsync(reply, datagram.RemoteEndPoint);
            }

            Requests.Enqueue(request!);
            _received.Release();
        }
    }
}
