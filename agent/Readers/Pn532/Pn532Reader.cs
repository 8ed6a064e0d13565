using System.Globalization;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pn532;

/// <summary>
/// A PN532 NFC module on a serial port (HSU, 115200 8N1). Wakes it up, checks it is a PN532, then polls for one
/// ISO 14443-A card every <see cref="Pn532ReaderOptions.PollInterval"/> and reports each tap once to the sink.
/// A lost port (unplugged USB adapter, vanished device node, module that stopped answering) is closed and reopened
/// with capped exponential back-off; garbled answers are counted as faults. Nothing a device does makes it throw.
/// </summary>
public sealed class Pn532Reader : IBadgeReader
{
    /// <summary>Granularity of the blocking serial reads inside one exchange deadline.</summary>
    private static readonly TimeSpan PortReadTimeout = TimeSpan.FromMilliseconds(25);

    private readonly ReaderConfiguration _configuration;
    private readonly string _device;
    private readonly IBadgeReadSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Pn532ReaderOptions _options;
    private readonly Func<string, TimeSpan, IPn532Port> _openPort;
    private long _faultCount;
    private int _connectionCount;

    public Pn532Reader(
        ReaderConfiguration configuration,
        IBadgeReadSink sink,
        TimeProvider timeProvider,
        ILogger<Pn532Reader> logger,
        Pn532ReaderOptions? options = null)
        : this(configuration, sink, timeProvider, logger, options, SerialPn532Port.Open)
    {
    }

    internal Pn532Reader(
        ReaderConfiguration configuration,
        IBadgeReadSink sink,
        TimeProvider timeProvider,
        ILogger logger,
        Pn532ReaderOptions? options,
        Func<string, TimeSpan, IPn532Port> openPort)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        if (configuration.Kind != ReaderKind.Pn532)
        {
            throw new ArgumentException($"Reader '{configuration.Id}' is of kind {configuration.Kind}, not {ReaderKind.Pn532}.", nameof(configuration));
        }

        if (string.IsNullOrWhiteSpace(configuration.Device))
        {
            throw new ArgumentException($"PN532 reader '{configuration.Id}' has no device: set its serial port path (e.g. /dev/ttyAMA0 or /dev/ttyUSB0).", nameof(configuration));
        }

        _options = options ?? new Pn532ReaderOptions();
        _options.Validate();
        _configuration = configuration;
        _device = configuration.Device;
        _sink = sink;
        _time = timeProvider;
        _logger = logger;
        _openPort = openPort;
    }

    public string ReaderId => _configuration.Id;

    /// <summary>Protocol faults and outages seen since start (every one, including those not logged).</summary>
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>Successful initializations of the module since start (1 + number of reconnections).</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>Polls until cancelled; completes normally on cancellation.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        // Serial reads block (bounded by the port read timeout): keep them off the caller's thread.
        Task.Run(() => RunLoopAsync(cancellationToken), CancellationToken.None);

    private async Task RunLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = new Pn532Backoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);
        var throttle = new Pn532FaultThrottle(_time, _options.FaultReportInterval);
        var presence = new Pn532PresenceTracker(_options.EmptyPollsToRelease);
        var outage = new Pn532OutageState();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var reason = await ConnectAndPollAsync(backoff, throttle, presence, outage, cancellationToken);
                cancellationToken.ThrowIfCancellationRequested();
                var delay = backoff.Next();
                ReportUnavailable(outage, reason, delay);
                await Task.Delay(delay, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Pn532Log.Stopped(_logger, ReaderId, _device);
    }

    /// <summary>Opens, initializes and polls until the link is lost; returns why.</summary>
    private async Task<string> ConnectAndPollAsync(
        Pn532Backoff backoff, Pn532FaultThrottle throttle, Pn532PresenceTracker presence, Pn532OutageState outage, CancellationToken cancellationToken)
    {
        IPn532Port? port = null;
        try
        {
            port = _openPort(_device, PortReadTimeout);
            var device = new Pn532Device(port, _time, _options.ResponseTimeout);
            var failure = device.Initialize(out var firmware);
            if (failure is not null)
            {
                return failure;
            }

            Interlocked.Increment(ref _connectionCount);
            backoff.Reset();
            if (outage.Active)
            {
                var outageDuration = _time.GetElapsedTime(outage.Since);
                Pn532Log.Recovered(_logger, ReaderId, _device, outage.FailedAttempts, outageDuration);
                outage.Active = false;
            }

            Pn532Log.Ready(_logger, ReaderId, _device, firmware!.IdentificationCode, firmware.Version);
            return await PollUntilLostAsync(device, throttle, presence, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // IOException / UnauthorizedAccessException / FileNotFoundException (device node gone),
            // InvalidOperationException (port closed under us): all mean "reopen later".
            return ex.GetType().Name + ": " + ex.Message.TrimEnd('.');
        }
        finally
        {
            DisposeQuietly(port);
        }
    }

    private async Task<string> PollUntilLostAsync(
        Pn532Device device, Pn532FaultThrottle throttle, Pn532PresenceTracker presence, CancellationToken cancellationToken)
    {
        var silentPolls = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = device.Poll();
            var timestamp = _time.GetTimestamp();
            silentPolls = result.Status == Pn532PollStatus.Silent ? silentPolls + 1 : 0;
            switch (result.Status)
            {
                case Pn532PollStatus.Card:
                    if (presence.OnCard(result.Credential))
                    {
                        Deliver(result, timestamp);
                    }

                    break;
                case Pn532PollStatus.NoCard:
                    presence.OnEmpty();
                    break;
                case Pn532PollStatus.Fault:
                    ReportFault(throttle, result.Fault!);
                    break;
                case Pn532PollStatus.Silent when silentPolls >= _options.SilentPollsBeforeReconnect:
                    return string.Create(CultureInfo.InvariantCulture, $"no answer to {silentPolls} consecutive polls");
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    private void Deliver(Pn532PollResult result, long timestamp)
    {
        Pn532Log.CardRead(_logger, ReaderId, result.Credential.Length);
        try
        {
            _sink.CredentialRead(_configuration, result.Credential, timestamp);
        }
        catch (Exception ex)
        {
            Pn532Log.SinkFailed(_logger, ReaderId, ex);
        }
    }

    private void ReportFault(Pn532FaultThrottle throttle, string fault)
    {
        Interlocked.Increment(ref _faultCount);
        if (!throttle.ShouldReport(out var suppressed))
        {
            return;
        }

        Pn532Log.ProtocolFault(_logger, ReaderId, _device, fault, suppressed);
        FaultToSink(suppressed == 0
            ? "PN532 protocol fault: " + fault
            : string.Create(CultureInfo.InvariantCulture, $"PN532 protocol fault: {fault} (+{suppressed} since the previous report)"));
    }

    /// <summary>One warning and one journaled fault per outage; later failed attempts only at debug level.</summary>
    private void ReportUnavailable(Pn532OutageState outage, string reason, TimeSpan nextDelay)
    {
        Interlocked.Increment(ref _faultCount);
        if (outage.Active)
        {
            outage.FailedAttempts++;
            Pn532Log.StillUnavailable(_logger, ReaderId, _device, outage.FailedAttempts, nextDelay, reason);
            return;
        }

        outage.Active = true;
        outage.Since = _time.GetTimestamp();
        outage.FailedAttempts = 1;
        Pn532Log.Unavailable(_logger, ReaderId, _device, reason);
        FaultToSink($"PN532 unavailable on {_device}: {reason}");
    }

    private void FaultToSink(string fault)
    {
        try
        {
            _sink.ReaderFault(_configuration, fault);
        }
        catch (Exception ex)
        {
            // The contract says it never throws; if it does, polling must still go on.
            Pn532Log.SinkFailed(_logger, ReaderId, ex);
        }
    }

    private static void DisposeQuietly(IPn532Port? port)
    {
        try
        {
            port?.Dispose();
        }
        catch (Exception)
        {
            // Closing a port whose device vanished may throw; there is nothing left to release.
        }
    }
}
