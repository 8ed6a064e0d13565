using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Usage.Snmp;

/// <summary>
/// SNMP v1/v2c GET over UDP. Each call owns its socket and buffer, so any number of copiers can be polled at once;
/// the only shared state is the request-id counter (random start, incremented atomically). A response counts only
/// when it comes from the target, decodes, is a Response PDU of the right version and community, and carries the
/// id of one of this call's attempts; anything else is discarded (and counted) while the attempt keeps waiting.
/// Device problems end in a <see cref="SnmpGetResult"/>, never an exception; only the caller's cancellation throws.
/// </summary>
public sealed class SnmpClient
{
    private readonly TimeSpan _timeout;
    private readonly int _retries;
    private readonly int _maxResponseBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private int _nextRequestId = Random.Shared.Next(1, int.MaxValue / 2);

    public SnmpClient(SnmpOptions options, TimeProvider timeProvider, ILogger<SnmpClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _timeout = options.Timeout;
        _retries = options.Retries;
        _maxResponseBytes = options.MaxResponseBytes;
        _timeProvider = timeProvider;
        _logger = logger ?? NullLogger<SnmpClient>.Instance;
    }

    public TimeSpan Timeout => _timeout;

    public int Retries => _retries;

    /// <summary>Sends a GetRequest for <paramref name="oids"/> (in one PDU) and waits for the matching response.</summary>
    public async Task<SnmpGetResult> GetAsync(SnmpTarget target, IReadOnlyList<SnmpOid> oids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(oids);
        ArgumentOutOfRangeException.ThrowIfZero(oids.Count);
        var community = Encoding.UTF8.GetBytes(target.Community);
        var request = oids.Select(oid => new SnmpVarBind(oid, SnmpValue.Null)).ToArray();
        var issued = new List<int>(_retries + 1);
        var discarded = 0;
        string? lastDiscard = null;

        using var socket = new Socket(target.Endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(target.Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        // One spare byte: a datagram that fills the whole buffer is larger than the limit (or was cut to fit).
        var buffer = ArrayPool<byte>.Shared.Rent(_maxResponseBytes + 1);
        try
        {
            for (var attempt = 1; attempt <= _retries + 1; attempt++)
            {
                var requestId = Interlocked.Increment(ref _nextRequestId) & int.MaxValue;
                issued.Add(requestId);
                var packet = SnmpMessageCodec.Encode(new SnmpMessage(target.Version, community, BerTag.GetRequest, requestId, SnmpErrorStatus.NoError, 0, request));

                // The timer starts before the send so that a test clock advanced once the request is seen always fires it.
                using var attemptTimeout = new CancellationTokenSource(_timeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(attemptTimeout.Token, cancellationToken);
                try
                {
                    await socket.SendToAsync(packet, SocketFlags.None, target.Endpoint, linked.Token);
                }
                catch (SocketException ex)
                {
                    // No route, interface down...: the attempt still waits its timeout, like a lost datagram.
                    SnmpLog.SendFailed(_logger, target.Endpoint, attempt, ex.SocketErrorCode);
                    lastDiscard = $"send failed: {ex.SocketErrorCode}";
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                while (true)
                {
                    SocketReceiveFromResult received;
                    try
                    {
                        received = await socket.ReceiveFromAsync(buffer.AsMemory(0, _maxResponseBytes + 1), SocketFlags.None, AnyEndpoint(target), linked.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        SnmpLog.AttemptTimedOut(_logger, target.Endpoint, attempt, _timeout);
                        break;
                    }
                    catch (SocketException ex)
                    {
                        var reason = ex.SocketErrorCode == SocketError.MessageSize
                            ? $"oversized datagram (more than {_maxResponseBytes} bytes)"
                            : $"receive failed: {ex.SocketErrorCode}";
                        Discard(null, target, reason, ref discarded, ref lastDiscard);
                        continue;
                    }

                    var answer = Check(buffer.AsSpan(0, received.ReceivedBytes), received.RemoteEndPoint, target, community, issued, out var reason2);
                    if (answer is null)
                    {
                        Discard(received.RemoteEndPoint, target, reason2!, ref discarded, ref lastDiscard);
                        continue;
                    }

                    return Interpret(answer, oids, attempt, discarded);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var attempts = _retries + 1;
        var error = string.Create(CultureInfo.InvariantCulture, $"no answer from {target.Endpoint} after {attempts} attempts of {_timeout.TotalMilliseconds:0} ms");
        if (discarded > 0)
        {
            error += string.Create(CultureInfo.InvariantCulture, $"; {discarded} unusable responses discarded, last: {lastDiscard}");
        }

        return new SnmpGetResult(SnmpGetStatus.Timeout, [], SnmpErrorStatus.NoError, 0, attempts, discarded, error);
    }

    private static EndPoint AnyEndpoint(SnmpTarget target) =>
        new IPEndPoint(target.Endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    /// <summary>The decoded response when this datagram answers this call, otherwise null and why.</summary>
    private SnmpMessage? Check(ReadOnlySpan<byte> datagram, EndPoint source, SnmpTarget target, byte[] community, List<int> issued, out string? reason)
    {
        if (!target.Endpoint.Equals(source))
        {
            reason = "not from the agent asked";
            return null;
        }

        if (datagram.Length > _maxResponseBytes)
        {
            reason = $"oversized datagram (more than {_maxResponseBytes} bytes)";
            return null;
        }

        if (!SnmpMessageCodec.TryDecode(datagram, out var message, out var error))
        {
            reason = $"malformed: {error}";
            return null;
        }

        reason = message!.PduType != BerTag.Response ? $"PDU 0x{message.PduType:X2} is not a Response"
            : message.Version != target.Version ? $"version {message.Version} instead of {target.Version}"
            : !message.Community.AsSpan().SequenceEqual(community) ? "community differs from the request's"
            : !issued.Contains(message.RequestId) ? string.Create(CultureInfo.InvariantCulture, $"request id {message.RequestId} is not one of ours")
            : null;
        return reason is null ? message : null;
    }

    private void Discard(EndPoint? source, SnmpTarget target, string reason, ref int discarded, ref string? lastDiscard)
    {
        discarded++;
        lastDiscard = reason;
        SnmpLog.ResponseDiscarded(_logger, source, target.Endpoint, reason);
    }

    private static SnmpGetResult Interpret(SnmpMessage answer, IReadOnlyList<SnmpOid> oids, int attempt, int discarded)
    {
        if (answer.ErrorStatus != SnmpErrorStatus.NoError)
        {
            var index = answer.ErrorIndex;
            var which = index >= 1 && index <= oids.Count ? $" for {oids[index - 1]}" : "";
            var error = string.Create(CultureInfo.InvariantCulture, $"agent answered {Name(answer.ErrorStatus)} (error-index {index}){which}");
            return new SnmpGetResult(SnmpGetStatus.ErrorStatus, answer.VarBinds, answer.ErrorStatus, index, attempt, discarded, error);
        }

        if (answer.VarBinds.Count != oids.Count)
        {
            var error = string.Create(CultureInfo.InvariantCulture, $"agent answered {answer.VarBinds.Count} variable bindings for the {oids.Count} asked");
            return new SnmpGetResult(SnmpGetStatus.InvalidResponse, answer.VarBinds, SnmpErrorStatus.NoError, 0, attempt, discarded, error);
        }

        for (var i = 0; i < oids.Count; i++)
        {
            if (answer.VarBinds[i].Oid != oids[i])
            {
                var error = string.Create(CultureInfo.InvariantCulture, $"agent answered {answer.VarBinds[i].Oid} where {oids[i]} was asked (binding {i + 1})");
                return new SnmpGetResult(SnmpGetStatus.InvalidResponse, answer.VarBinds, SnmpErrorStatus.NoError, 0, attempt, discarded, error);
            }
        }

        return new SnmpGetResult(SnmpGetStatus.Success, answer.VarBinds, SnmpErrorStatus.NoError, 0, attempt, discarded, null);
    }

    /// <summary>The RFC's name of an error-status (noSuchName, genErr...), as operators know them from snmpget.</summary>
    public static string Name(SnmpErrorStatus status)
    {
        var text = status.ToString();
        return Enum.IsDefined(status) ? char.ToLowerInvariant(text[0]) + text[1..] : $"error-status {(int)status}";
    }
}
