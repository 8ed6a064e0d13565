using System.Runtime.InteropServices;
using Cybercantal.Edge.Agent.Sites;
using Microsoft.Extensions.Logging;

namespace Cybercantal.Edge.Agent.Readers.Pcsc;

/// <summary>
/// Watches pcscd for every configured <see cref="ReaderKind.Pcsc"/> reader (matched by <see cref="ReaderConfiguration.Device"/>
/// as a reader-name prefix) with one SCardGetStatusChange loop, and turns each card presentation into exactly one
/// <see cref="IBadgeReadSink.CredentialRead"/>. Survives pcscd restarts, readers plugged and unplugged, and cards that
/// misbehave; problems are logged once per burst with event ids 1500-1599.
/// </summary>
public sealed class PcscReaderMonitor : IBadgeReader
{
    /// <summary>Upper bound of one SCardGetStatusChange wait: bounds shutdown if SCardCancel races a fresh context.</summary>
    private const uint StatusWaitMilliseconds = 5_000;

    private readonly IReadOnlyList<ReaderConfiguration> _readers;
    private readonly IBadgeReadSink _sink;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PcscReaderMonitor> _logger;
    private readonly PcscMonitorOptions _options;
    private readonly LogBurstGate _burstGate;
    private readonly Lock _contextGate = new();
    private readonly Dictionary<string, PcscReaderSession> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ignoredNames = new(StringComparer.Ordinal);
    private readonly List<TrackedReader> _tracked = [];
    private readonly List<string> _names = [];
    private ScardReaderState[] _states = [];
    private PcscContextHandle? _context;
    private bool _stopping;

    public PcscReaderMonitor(IEnumerable<ReaderConfiguration> readers, IBadgeReadSink sink, TimeProvider timeProvider,
        ILogger<PcscReaderMonitor> logger, PcscMonitorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(readers);
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? new PcscMonitorOptions();
        _burstGate = new LogBurstGate(timeProvider, _options.LogBurstWindow);
        var served = new List<ReaderConfiguration>();
        foreach (var reader in readers)
        {
            if (reader.Kind != ReaderKind.Pcsc)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(reader.Device))
            {
                PcscLog.MissingDevice(logger, reader.Id);
                continue;
            }

            served.Add(reader);
        }

        _readers = served;
    }

    /// <summary>One monitor serves every PC/SC reader of the site.</summary>
    public string ReaderId => "pcsc";

    /// <summary>The configured readers this monitor serves (PC/SC kind with a device prefix).</summary>
    public IReadOnlyList<ReaderConfiguration> Readers => _readers;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        PcscLog.MonitorStarted(_logger, _readers.Count);
        var pnpName = Marshal.StringToCoTaskMemUTF8(PcscNative.PnpNotification);
        try
        {
            using var registration = cancellationToken.Register(CancelWait);
            await Task.Factory.StartNew(() => Loop(pnpName, cancellationToken), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            lock (_contextGate)
            {
                _context?.Dispose();
                _context = null;
            }

            foreach (var tracked in _tracked)
            {
                tracked.Dispose();
            }

            _tracked.Clear();
            await Task.WhenAll(_sessions.Values.Select(session => session.StopAsync()));
            _sessions.Clear();
            Marshal.FreeCoTaskMem(pnpName);
            PcscLog.MonitorStopped(_logger);
        }
    }

    private void CancelWait()
    {
        lock (_contextGate)
        {
            _stopping = true;
            if (_context is { IsClosed: false } context)
            {
                PcscClient.Cancel(context);
            }
        }
    }

    private void Loop(nint pnpName, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        var relist = true;
        var pnpState = (nuint)0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_context is null)
                {
                    var established = PcscClient.Establish(out var context);
                    if (established != PcscResult.Success)
                    {
                        if (ShouldLog("service"))
                        {
                            PcscLog.ServiceUnavailable(_logger, established, (long)backoff.TotalMilliseconds);
                            ReportToEveryReader("pcscd unavailable: " + established);
                        }

                        Wait(backoff, cancellationToken);
                        backoff = Next(backoff);
                        continue;
                    }

                    lock (_contextGate)
                    {
                        if (_stopping)
                        {
                            context.Dispose();
                            return;
                        }

                        _context = context;
                    }

                    ReportCleared("service");
                    PcscLog.ServiceAvailable(_logger);
                    backoff = _options.InitialBackoff;
                    relist = true;
                    pnpState = 0;
                    foreach (var tracked in _tracked)
                    {
                        // pcscd's card event counters restart with the daemon, and a card seen before the outage may
                        // have been swapped for another meanwhile: a card present now counts as a tap. Cost: a card
                        // left on the reader across a daemon restart is read once more; a missed tap would be worse.
                        tracked.LastEventCount = -1;
                        tracked.WasPresent = false;
                    }
                }

                if (relist)
                {
                    var listed = PcscClient.ListReaders(_context, _names);
                    if (listed != PcscResult.Success)
                    {
                        if (IsContextLost(listed))
                        {
                            DropContext(listed);
                        }
                        else
                        {
                            if (ShouldLog("list"))
                            {
                                PcscLog.ListReadersFailed(_logger, listed);
                            }

                            Wait(backoff, cancellationToken);
                            backoff = Next(backoff);
                        }

                        continue;
                    }

                    ReportCleared("list");
                    Rebuild(pnpName, cancellationToken);
                    relist = false;
                }

                _states[0].CurrentState = pnpState;
                var result = PcscClient.GetStatusChange(_context, StatusWaitMilliseconds, _states);
                var timestamp = _timeProvider.GetTimestamp();
                switch (result)
                {
                    case PcscResult.Success:
                        ReportCleared("status");
                        pnpState = _states[0].EventState & ~(nuint)PcscReaderStates.Changed;
                        relist = (PcscReaderStatesExtensions.Flags(_states[0].EventState) & PcscReaderStates.Changed) != 0;
                        relist |= Process(timestamp);
                        backoff = _options.InitialBackoff;
                        break;
                    case PcscResult.Timeout or PcscResult.Cancelled:
                        if (!cancellationToken.IsCancellationRequested && !PcscClient.IsValid(_context))
                        {
                            DropContext(PcscResult.InvalidHandle);
                        }

                        break;
                    case PcscResult.UnknownReader or PcscResult.ReaderUnavailable:
                        // A reader vanished between listing and waiting: list again, never spin.
                        relist = true;
                        Wait(_options.InitialBackoff, cancellationToken);
                        break;
                    case var lost when IsContextLost(lost):
                        DropContext(lost);
                        break;
                    default:
                        if (ShouldLog("status"))
                        {
                            PcscLog.StatusChangeFailed(_logger, result);
                        }

                        relist = true;
                        Wait(backoff, cancellationToken);
                        backoff = Next(backoff);
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A bug here must not take every door reader down: log, drop the context, start over after a pause.
                PcscLog.LoopFailed(_logger, exception);
                DropContext(PcscResult.InternalError);
                relist = true;
                try
                {
                    Wait(backoff, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = Next(backoff);
            }
        }
    }

    /// <summary>Copies event states into current states and finds the taps. Returns true when readers must be listed again.</summary>
    private bool Process(long timestamp)
    {
        var relist = false;
        for (var i = 0; i < _tracked.Count; i++)
        {
            ref var state = ref _states[i + 1];
            var tracked = _tracked[i];
            var eventState = state.EventState;
            var flags = PcscReaderStatesExtensions.Flags(eventState);
            state.CurrentState = eventState & ~(nuint)PcscReaderStates.Changed;
            if ((flags & PcscReaderStates.Changed) == 0)
            {
                continue;
            }

            if ((flags & (PcscReaderStates.Unknown | PcscReaderStates.Unavailable | PcscReaderStates.Ignore)) != 0)
            {
                tracked.WasPresent = false;
                relist = true;
                continue;
            }

            var present = (flags & PcscReaderStates.Present) != 0;
            var count = PcscReaderStatesExtensions.EventCount(eventState);
            // Rising PRESENT is a tap; so is a moved event counter while PRESENT stayed set (card removed and presented
            // again between two waits). Our own connect/disconnect only toggles INUSE and leaves the counter alone.
            var tap = present && (!tracked.WasPresent || (tracked.LastEventCount >= 0 && count != tracked.LastEventCount));
            tracked.WasPresent = present;
            tracked.LastEventCount = count;
            if (tap)
            {
                tracked.Session.Tap(timestamp);
            }
        }

        return relist;
    }

    private unsafe void Rebuild(nint pnpName, CancellationToken cancellationToken)
    {
        var kept = new List<TrackedReader>(_names.Count);
        foreach (var name in _names)
        {
            if (name == PcscNative.PnpNotification)
            {
                continue;
            }

            var existing = _tracked.Find(tracked => tracked.Name == name);
            if (existing is not null)
            {
                _tracked.Remove(existing);
                kept.Add(existing);
                continue;
            }

            var reader = Match(name);
            if (reader is null)
            {
                if (_ignoredNames.Add(name))
                {
                    PcscLog.UnconfiguredReader(_logger, name);
                }

                continue;
            }

            if (!_sessions.TryGetValue(name, out var session))
            {
                session = new PcscReaderSession(name, reader, _sink, _timeProvider, _logger, _options, _burstGate, cancellationToken);
                _sessions.Add(name, session);
            }

            if (ShouldLog("attached:" + name))
            {
                PcscLog.ReaderAttached(_logger, name, reader.Id);
            }

            kept.Add(new TrackedReader(name, session));
        }

        foreach (var gone in _tracked)
        {
            if (ShouldLog("detached:" + gone.Name))
            {
                PcscLog.ReaderDetached(_logger, gone.Name, gone.Session.Reader.Id);
            }

            gone.Dispose();
        }

        _tracked.Clear();
        _tracked.AddRange(kept);
        _states = new ScardReaderState[_tracked.Count + 1];
        _states[0].Reader = (byte*)pnpName;
        for (var i = 0; i < _tracked.Count; i++)
        {
            // UNAWARE: pcscd answers at once with the reader's state; WasPresent/LastEventCount stop a held card
            // from being read again.
            _states[i + 1].Reader = (byte*)_tracked[i].NameUtf8;
            _states[i + 1].CurrentState = (nuint)PcscReaderStates.Unaware;
        }
    }

    private ReaderConfiguration? Match(string name)
    {
        ReaderConfiguration? best = null;
        var ambiguous = false;
        foreach (var reader in _readers)
        {
            if (!name.StartsWith(reader.Device!, StringComparison.Ordinal))
            {
                continue;
            }

            if (best is not null && best.Device!.Length == reader.Device!.Length)
            {
                ambiguous = true;
            }

            if (best is null || reader.Device!.Length > best.Device!.Length)
            {
                best = reader;
                ambiguous = false;
            }
        }

        if (ambiguous && best is not null)
        {
            PcscLog.AmbiguousReader(_logger, name, best.Id);
        }

        return best;
    }

    private static bool IsContextLost(PcscResult result) =>
        result is PcscResult.NoService or PcscResult.ServiceStopped or PcscResult.InvalidHandle or PcscResult.CommError
            or PcscResult.InternalError or PcscResult.UnknownError;

    private void DropContext(PcscResult result)
    {
        if (ShouldLog("context"))
        {
            PcscLog.ContextLost(_logger, result);
            ReportToEveryReader("pcscd context lost: " + result);
        }

        lock (_contextGate)
        {
            _context?.Dispose();
            _context = null;
        }
    }

    // A daemon outage silences every PC/SC reader at once: journal it against each, once per burst like the log.
    private void ReportToEveryReader(string fault)
    {
        foreach (var reader in _readers)
        {
            try
            {
                _sink.ReaderFault(reader, fault);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                PcscLog.SinkFailed(_logger, exception, reader.Id);
            }
        }
    }

    private bool ShouldLog(string problem)
    {
        var log = _burstGate.ShouldLog(problem, out var suppressed);
        if (suppressed > 0)
        {
            PcscLog.ProblemRepeated(_logger, problem, suppressed);
        }

        return log;
    }

    private void ReportCleared(string problem)
    {
        var suppressed = _burstGate.Clear(problem);
        if (suppressed > 0)
        {
            PcscLog.ProblemRepeated(_logger, problem, suppressed);
        }
    }

    private TimeSpan Next(TimeSpan backoff)
    {
        var doubled = backoff * 2;
        return doubled > _options.MaxBackoff ? _options.MaxBackoff : doubled;
    }

    private void Wait(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, _timeProvider, cancellationToken).GetAwaiter().GetResult();

    /// <summary>A PC/SC reader name being watched, with what the loop remembers about its card.</summary>
    private sealed class TrackedReader(string name, PcscReaderSession session) : IDisposable
    {
        public string Name { get; } = name;

        public PcscReaderSession Session { get; } = session;

        public nint NameUtf8 { get; private set; } = Marshal.StringToCoTaskMemUTF8(name);

        public bool WasPresent { get; set; }

        public int LastEventCount { get; set; } = -1;

        public void Dispose()
        {
            Marshal.FreeCoTaskMem(NameUtf8);
            NameUtf8 = 0;
        }
    }
}
