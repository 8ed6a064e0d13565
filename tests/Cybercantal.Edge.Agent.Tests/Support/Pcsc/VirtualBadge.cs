using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cybercantal.Edge.Agent.Tests.Support.Pcsc;

/// <summary>
/// A contactless badge on vsmartcard-vpcd's virtual reader: a TCP client of the reader's port speaking vpcd's framing
/// (2-byte big-endian length + payload). 1-byte payloads are control messages (00 off, 01 on, 02 reset, 04 ATR);
/// longer ones are APDUs, answered like an ACR122U answers GET DATA UID. Present = connect, remove = close.
/// </summary>
public sealed class VirtualBadge : IAsyncDisposable
{
    /// <summary>ATR of an ISO 14443-A card behind a PC/SC contactless reader.</summary>
    public static readonly byte[] ContactlessAtr = Convert.FromHexString("3B8F8001804F0CA000000306030001000000006A");

    private readonly int _port;
    private readonly Lock _gate = new();
    private readonly List<long> _atrRequests = [];
    private TcpClient? _client;
    private Task? _serving;
    private CancellationTokenSource? _stop;

    public VirtualBadge(int port, byte[] uid)
    {
        _port = port;
        Uid = uid;
    }

    public byte[] Uid { get; set; }

    /// <summary>Status word appended to the UID; <c>6A 81</c> or <c>63 00</c> play a failing reader.</summary>
    public byte[] StatusWord { get; set; } = [0x90, 0x00];

    /// <summary>When set, the badge answers control messages but never an APDU (a card that hangs mid-read).</summary>
    public bool NeverAnswer { get; set; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> at the last presentation (connection).</summary>
    public long PresentedAt { get; private set; }

    public int ApduCount { get; private set; }

    /// <summary>When the reader asked for the ATR: pcscd's presence poll of the virtual slot.</summary>
    public IReadOnlyList<long> AtrRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _atrRequests];
            }
        }
    }

    public async Task PresentAsync()
    {
        if (_client is not null)
        {
            throw new InvalidOperationException("badge already presented");
        }

        var client = new TcpClient { NoDelay = true };
        PresentedAt = Stopwatch.GetTimestamp();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        _client = client;
        _stop = new CancellationTokenSource();
        _serving = ServeAsync(client.GetStream(), _stop.Token);
    }

    public async Task RemoveAsync()
    {
        if (_client is null)
        {
            return;
        }

        // Leave for sure: shut both directions and reset (linger 0) so vpcd's next poll sees the card gone.
        try
        {
            _client.Client.LingerState = new LingerOption(true, 0);
            _client.Client.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone.
        }

        await _stop!.CancelAsync();
        _client.Dispose();
        try
        {
            await _serving!;
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The socket closing under the read loop is how a card leaves.
        }

        _stop.Dispose();
        _client = null;
        _serving = null;
        _stop = null;
    }

    public ValueTask DisposeAsync() => new(RemoveAsync());

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        var payload = new byte[512];
        while (!cancellationToken.IsCancellationRequested)
        {
            await stream.ReadExactlyAsync(header, cancellationToken);
            AcknowledgeNow(stream.Socket);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header);
            if (length > payload.Length)
            {
                payload = new byte[length];
            }

            await stream.ReadExactlyAsync(payload.AsMemory(0, length), cancellationToken);
            AcknowledgeNow(stream.Socket);
            if (length == 1)
            {
                if (payload[0] == 0x04)
                {
                    lock (_gate)
                    {
                        _atrRequests.Add(Stopwatch.GetTimestamp());
                    }

                    await SendAsync(stream, ContactlessAtr, cancellationToken);
                }

                // 00 power off, 01 power on, 02 reset: vpcd expects no answer.
                continue;
            }

            ApduCount++;
            if (NeverAnswer)
            {
                continue;
            }

            var isGetUid = length >= 4 && payload[0] == 0xFF && payload[1] == 0xCA && payload[2] == 0x00;
            byte[] response = isGetUid
                ? [.. (StatusWord is [0x90, 0x00] ? Uid : []), .. StatusWord]
                : [0x6D, 0x00];
            await SendAsync(stream, response, cancellationToken);
        }
    }

    /// <summary>
    /// vpcd writes without TCP_NODELAY and may send a frame's length and payload as two writes: with our delayed
    /// ACK, Nagle holds the payload ~40 ms. A real reader has no such socket, so the badge acknowledges at once
    /// (TCP_QUICKACK, re-armed after every read).
    /// </summary>
    private static void AcknowledgeNow(Socket socket)
    {
        const int IpProtocolTcp = 6;
        const int TcpQuickAck = 12;
        socket.SetRawSocketOption(IpProtocolTcp, TcpQuickAck, [1, 0, 0, 0]);
    }

    private static async Task SendAsync(NetworkStream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[payload.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        await stream.WriteAsync(frame, cancellationToken);
    }
}
