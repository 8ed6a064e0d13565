using System.Collections.Concurrent;
using System.Net.Sockets;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Agent.Usage.Snmp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>
/// Reads prtMarkerLifeCount and hrPrinterStatus in one SNMP GET. Every device problem (bad address, silence, wrong
/// community, error-status, v2c exception, odd type) becomes <c>CopierReading(null, null, reason)</c>; only the
/// caller's cancellation throws. A copier that starts failing is logged once, then again when it answers.
/// </summary>
public sealed class SnmpCopierCounterReader : ICopierCounterReader
{
    private static readonly SnmpOid[] BothOids = [CopierOids.PageCounter, CopierOids.PrinterStatus];
    private static readonly SnmpOid[] CounterOnly = [CopierOids.PageCounter];

    private readonly SnmpClient _client;
    private readonly string _community;
    private readonly SnmpVersion _version;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

    public SnmpCopierCounterReader(SnmpClient client, IOptions<SnmpOptions> options, ILogger<SnmpCopierCounterReader> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _community = options.Value.ReadCommunity();
        _version = options.Value.Version;
        _logger = logger;
        SnmpLog.Configured(logger, _version, client.Timeout, client.Retries, options.Value.CommunityFile is { Length: > 0 } file ? $"from {file}" : "default");
    }

    public async Task<CopierReading> ReadAsync(CopierConfiguration copier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copier);
        var reading = await ReadOnceAsync(copier, cancellationToken);
        Track(copier, reading);
        return reading;
    }

    private async Task<CopierReading> ReadOnceAsync(CopierConfiguration copier, CancellationToken cancellationToken)
    {
        if (!SnmpAgentAddress.TryParse(copier.SnmpAddress, out var address, out var addressError))
        {
            return Failed($"copier address: {addressError}");
        }

        var (endpoint, resolveError) = await address.ResolveAsync(cancellationToken);
        if (endpoint is null)
        {
            return Failed(resolveError!);
        }

        var target = new SnmpTarget(endpoint, _community, _version);
        try
        {
            var result = await _client.GetAsync(target, BothOids, cancellationToken);
            if (result is { Status: SnmpGetStatus.ErrorStatus, ErrorStatus: SnmpErrorStatus.NoSuchName, ErrorIndex: 2 })
            {
                // A v1 agent without the HOST-RESOURCES printer table fails the whole PDU: the counter alone still bills.
                result = await _client.GetAsync(target, CounterOnly, cancellationToken);
            }

            return Map(result);
        }
        catch (SocketException ex)
        {
            return Failed($"no UDP socket for {endpoint}: {ex.SocketErrorCode}");
        }
    }

    private static CopierReading Map(SnmpGetResult result)
    {
        if (!result.Succeeded)
        {
            return Failed(result.Error ?? result.Status.ToString());
        }

        var counter = result.VarBinds[0].Value;
        if (counter.IsException)
        {
            return Failed($"prtMarkerLifeCount ({CopierOids.PageCounter}): {counter}");
        }

        if (!counter.TryGetCount(out var count) || count > long.MaxValue)
        {
            return Failed($"prtMarkerLifeCount ({CopierOids.PageCounter}) is {counter}, not a page count");
        }

        int? status = null;
        if (result.VarBinds.Count > 1 && result.VarBinds[1].Value is { Type: SnmpValueType.Integer, Number: >= 1 and <= 5 } statusValue)
        {
            status = (int)statusValue.Number;
        }

        return new CopierReading((long)count, status, null);
    }

    private static CopierReading Failed(string reason) => new(null, null, reason);

    private void Track(CopierConfiguration copier, CopierReading reading)
    {
        if (reading.Answered)
        {
            SnmpLog.CopierRead(_logger, copier.Id, reading.PageCount!.Value, reading.PrinterStatus);
            if (_failures.TryRemove(copier.Id, out var failures))
            {
                SnmpLog.CopierAnsweredAgain(_logger, copier.Id, copier.SnmpAddress, failures);
            }

            return;
        }

        var count = _failures.AddOrUpdate(copier.Id, 1, (_, previous) => previous + 1);
        if (count == 1)
        {
            SnmpLog.CopierUnanswered(_logger, copier.Id, copier.SnmpAddress, reading.Error!);
        }
        else
        {
            SnmpLog.CopierStillUnanswered(_logger, copier.Id, copier.SnmpAddress, reading.Error!);
        }
    }
}
