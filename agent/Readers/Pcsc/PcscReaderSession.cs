using System.Globalization;
using System.Threading.Channels;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// One PC/SC reader seen by the monitor: queues the taps the monitor detects and reads them one after the other,
/// off the monitor thread, with a per-read timeout. Reports to the sink; never throws.
/// </summary>
internal sealed class PcscReaderSession
{
    private readonly Channel<long> _taps = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly IBadgeReadSink _sink;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PcscMonitorOptions _options;
    private readonly LogBurstGate _burstGate;
    private readonly Task _pump;
    private PcscReadWorker? _worker;
    private PcscReadWorker? _stuck;

    public PcscReaderSession(string readerName, ReaderConfiguration reader, IBadgeReadSink sink, TimeProvider timeProvider,
        ILogger logger, PcscMonitorOptions options, LogBurstGate burstGate, CancellationToken stopping)
    {
        ReaderName = readerName;
        Reader = reader;
        _sink = sink;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options;
        _burstGate = burstGate;
        _worker = new PcscReadWorker(readerName);
        _pump = Task.Run(() => PumpAsync(stopping), CancellationToken.None);
    }

    public string ReaderName { get; }

    public ReaderConfiguration Reader { get; }

    /// <summary>A card was presented; <paramref name="timestamp"/> is when pcscd reported it.</summary>
    public void Tap(long timestamp) => _taps.Writer.TryWrite(timestamp);

    /// <summary>Stops taking taps and waits for the read in progress (bounded by the read timeout).</summary>
    public Task StopAsync()
    {
        _taps.Writer.TryComplete();
        return _pump;
    }

    private async Task PumpAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var timestamp in _taps.Reader.ReadAllAsync(stopping))
            {
                await ReadAsync(timestamp, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            _worker?.Abandon();
            _worker = null;
        }
    }

    private async Task ReadAsync(long timestamp, CancellationToken stopping)
    {
        if (_stuck is { IsFinished: false })
        {
            // pcscd still holds the reader for the card that never answered: a new worker would only block behind it
            // (one more stuck thread per tap). Say so until that card leaves.
            if (ShouldLog("still-stuck"))
            {
                PcscLog.ReadFault(_logger, Reader.Id, "reader still blocked by a card that did not answer; tap ignored");
            }

            Fault("reader still blocked by a card that did not answer");
            return;
        }

        _stuck = null;
        _worker ??= new PcscReadWorker(ReaderName);
        PcscReadOutcome outcome;
        try
        {
            outcome = await _worker.ReadAsync().WaitAsync(_options.ReadTimeout, _timeProvider, stopping);
        }
        catch (TimeoutException)
        {
            // The card (or reader) holds SCardTransmit: leave that thread and context behind so the next tap gets a
            // fresh worker, and the monitor keeps serving every other reader meanwhile.
            _worker.Abandon();
            _stuck = _worker;
            _worker = null;
            if (ShouldLog("no-answer"))
            {
                PcscLog.CardDidNotAnswer(_logger, Reader.Id, (long)_options.ReadTimeout.TotalMilliseconds);
            }

            Fault(string.Create(CultureInfo.InvariantCulture, $"card did not answer within {(long)_options.ReadTimeout.TotalMilliseconds} ms"));
            return;
        }

        switch (outcome.Result)
        {
            case PcscResult.Success when outcome.Fault is null:
                PcscLog.CardRead(_logger, Reader.Id, outcome.Credential.Length);
                try
                {
                    _sink.CredentialRead(Reader, outcome.Credential, timestamp);
                }
                catch (Exception exception)
                {
                    PcscLog.SinkFailed(_logger, exception, Reader.Id);
                }

                return;
            case PcscResult.Success:
                if (ShouldLog("fault:" + outcome.Fault))
                {
                    PcscLog.ReadFault(_logger, Reader.Id, outcome.Fault!);
                }

                Fault(outcome.Fault!);
                return;
            case PcscResult.RemovedCard or PcscResult.NoSmartcard or PcscResult.ResetCard:
                // A quick tap: the holder simply presents the card again. Not a reader fault.
                if (ShouldLog("removed"))
                {
                    PcscLog.CardRemovedDuringRead(_logger, Reader.Id, outcome.Result);
                }

                return;
            default:
                var fault = string.Create(CultureInfo.InvariantCulture, $"card read failed ({outcome.Result})");
                if (ShouldLog("transport:" + outcome.Result))
                {
                    PcscLog.ReadFault(_logger, Reader.Id, fault);
                }

                Fault(fault);
                return;
        }
    }

    private bool ShouldLog(string problem)
    {
        var key = ReaderName + "|" + problem;
        var log = _burstGate.ShouldLog(key, out var suppressed);
        if (suppressed > 0)
        {
            PcscLog.ProblemRepeated(_logger, "Reader " + Reader.Id + " " + problem, suppressed);
        }

        return log;
    }

    private void Fault(string fault)
    {
        try
        {
            _sink.ReaderFault(Reader, fault);
        }
        catch (Exception exception)
        {
            PcscLog.SinkFailed(_logger, exception, Reader.Id);
        }
    }
}
