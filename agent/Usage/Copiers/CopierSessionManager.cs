using System.Device.Gpio;
using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Copiers;

/// <summary>
/// Badge release on the copiers: a granted tap at a copier's reader opens a session (enable relay on,
/// counter read); a second tap of the same member, an idle timeout or the maximum duration closes it
/// (counter read, relay off) and journals the pages. Another member's tap supersedes an open session.
/// The relays are opened off at start, after the doors have locked their strikes.
/// </summary>
public sealed class CopierSessionManager : BackgroundService
{
    /// <summary>Level that disables a copier's copy-control interface.</summary>
    public static readonly PinValue RelayOff = PinValue.Low;

    /// <summary>Level that enables it.</summary>
    public static readonly PinValue RelayOn = PinValue.High;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, CopierConfiguration> _copiers;
    private readonly Dictionary<string, CopierSession> _open = new(StringComparer.Ordinal);
    private readonly GpioController _gpio;
    private readonly ICopierCounterReader? _reader;
    private readonly UsageStateStore _state;
    private readonly IJournal _journal;
    private readonly UsageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CopierSessionManager> _logger;
    private readonly HashSet<int> _openedPins = [];

    /// <param name="reader">The counter reader; null when none is registered (every session is then unmeasured).</param>
    public CopierSessionManager(
        SiteConfiguration site,
        GpioController gpio,
        ICopierCounterReader? reader,
        UsageStateStore state,
        IJournal journal,
        IOptions<UsageOptions> options,
        TimeProvider time,
        ILogger<CopierSessionManager> logger)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        _copiers = site.Copiers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _gpio = gpio;
        _reader = reader;
        _state = state;
        _journal = journal;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The open sessions, by copier id.</summary>
    public IReadOnlyDictionary<string, OpenUsageSession> OpenSessions
    {
        get
        {
            lock (_open)
            {
                return _open.ToDictionary(p => p.Key, p => p.Value.Open, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Handles one decision at a copier reader; called by the <see cref="UsageWorker"/>, off the reader's thread.</summary>
    public async Task HandleAsync(BadgeDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Decision.Granted || decision.MemberId is null
            || decision.Reader.Resource is not { } copierId || !_copiers.TryGetValue(copierId, out var copier))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.TryGetValue(copierId, out var current))
            {
                var sameMember = string.Equals(current.Open.MemberId, decision.MemberId, StringComparison.Ordinal);
                await CloseAsync(copier, current, sameMember ? UsageEndReasons.BadgeOut : UsageEndReasons.Superseded, cancellationToken).ConfigureAwait(false);
                if (sameMember)
                {
                    return;
                }
            }

            var reading = await ReadAsync(copier, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var open = new OpenUsageSession(UsageKinds.Copier, copierId, decision.MemberId, decision.Credential.ToString(), now, now)
            {
                Counter = reading,
                ReaderId = decision.Reader.Id,
            };
            lock (_open)
            {
                _open[copierId] = new CopierSession(open, decision.Credential, reading, now);
            }

            _state.Save(open);
            Drive(copier, RelayOn);
            _journal.Append(new JournalEntry(JournalRecordKind.CopierSessionStarted)
            {
                DoorId = copierId,
                ReaderId = decision.Reader.Id,
                MemberId = decision.MemberId,
                Credential = decision.Credential,
                Detail = new UsageDetail().Add("start", now).Add("counter", reading).Add("flag", reading is null ? CopierPages.Unmeasured : null).ToString(),
            });
            var counterText = reading?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? CopierPages.Unmeasured;
            UsageLog.CopierSessionStarted(_logger, copierId, decision.MemberId, counterText);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Ends the copier's open session at staff's request (remote command): relay off, end reading, journaled
    /// with reason <see cref="UsageEndReasons.ForcedByStaff"/>.
    /// </summary>
    /// <returns>False when the copier is unknown or has no open session.</returns>
    public async Task<bool> ForceEndAsync(string copierId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copierId);
        if (!_copiers.TryGetValue(copierId, out var copier))
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CopierSession? session;
            lock (_open)
            {
                _open.TryGetValue(copierId, out session);
            }

            if (session is null)
            {
                return false;
            }

            await CloseAsync(copier, session, UsageEndReasons.ForcedByStaff, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether the site has a copier with this id.</summary>
    public bool IsKnown(string copierId) => _copiers.ContainsKey(copierId);

    /// <summary>Closes sessions past their maximum duration or idle for too long (a new page counts as activity).</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CopierSession[] sessions;
            lock (_open)
            {
                sessions = [.. _open.Values];
            }

            foreach (var session in sessions)
            {
                var copier = _copiers[session.Open.Resource];
                var now = _time.GetUtcNow();
                if (now - session.Open.Started >= _options.CopierMaxDuration)
                {
                    await CloseAsync(copier, session, UsageEndReasons.MaxDuration, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var reading = await ReadAsync(copier, cancellationToken).ConfigureAwait(false);
                now = _time.GetUtcNow();
                if (reading is not null && reading != session.LastCounter)
                {
                    session.LastCounter = reading;
                    session.LastActivity = now;
                }

                if (now - session.LastActivity >= _options.CopierIdleTimeout)
                {
                    await CloseAsync(copier, session, UsageEndReasons.IdleTimeout, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    _state.Touch(UsageKinds.Copier, copier.Id, now);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var copier in _copiers.Values)
        {
            if (copier.EnablePin is { } pin)
            {
                try
                {
                    // Opened at the off level: the copier is never enabled by the agent starting.
                    _gpio.OpenPin(pin, PinMode.Output, RelayOff);
                    _openedPins.Add(pin);
                }
                catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
                {
                    JournalRelayFault(copier, pin, exception);
                }
            }
        }

        var recovered = _state.Load(UsageKinds.Copier);
        foreach (var session in recovered)
        {
            _state.Remove(UsageKinds.Copier, session.Resource);
            JournalEnded(session, Pcs.PcSessionTracker.CredentialOrNone(session.Credential), UsageEndReasons.AgentRestartRecovered, session.LastAlive, new CopierPages(null, CopierPages.Unmeasured), null);
        }

        if (recovered.Count > 0)
        {
            UsageLog.Recovered(_logger, recovered.Count, UsageKinds.Copier);
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        // Open sessions stay in the state (closed as agent-restart-recovered at the next start); the
        // copiers are disabled now.
        var now = _time.GetUtcNow();
        lock (_open)
        {
            foreach (var session in _open.Values)
            {
                _state.Touch(UsageKinds.Copier, session.Open.Resource, now);
            }
        }

        foreach (var copier in _copiers.Values)
        {
            Drive(copier, RelayOff);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.CopierCheckInterval, _time, stoppingToken).ConfigureAwait(false);
                await RunLoggedAsync(CheckOnceAsync(stoppingToken)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CloseAsync(CopierConfiguration copier, CopierSession session, string reason, CancellationToken cancellationToken)
    {
        // Disable first: no page may be printed after the end reading.
        Drive(copier, RelayOff);
        var end = await ReadAsync(copier, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        lock (_open)
        {
            _open.Remove(copier.Id);
        }

        _state.Remove(UsageKinds.Copier, copier.Id);
        var pages = CopierPages.Between(session.Open.Counter, end, _options.CopierMaxPlausiblePages);
        JournalEnded(session.Open, session.Credential, reason, now, pages, end);
    }

    private void JournalEnded(OpenUsageSession session, Credential credential, string reason, DateTimeOffset end, CopierPages pages, long? endCounter)
    {
        if (end < session.Started)
        {
            end = session.Started;
        }

        _journal.Append(new JournalEntry(JournalRecordKind.CopierSessionEnded)
        {
            DoorId = session.Resource,
            ReaderId = session.ReaderId,
            MemberId = session.MemberId,
            Credential = credential,
            Detail = new UsageDetail()
                .Add("reason", reason)
                .Add("start", session.Started)
                .Add("end", end)
                .Seconds(session.Started, end)
                .Add("pages", pages.Pages)
                .Add("flag", pages.Flag)
                .Add("counter-start", session.Counter)
                .Add("counter-end", endCounter)
                .ToString(),
        });
        var pagesText = pages.Pages is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " pages" : pages.Flag ?? string.Empty;
        UsageLog.CopierSessionEnded(_logger, session.Resource, session.MemberId ?? "?", reason, pagesText);
    }

    private async Task<long?> ReadAsync(CopierConfiguration copier, CancellationToken cancellationToken)
    {
        if (_reader is null)
        {
            return null;
        }

        var reading = await _reader.ReadAsync(copier, cancellationToken).ConfigureAwait(false);
        if (!reading.Answered)
        {
            UsageLog.CopierUnanswered(_logger, copier.Id, reading.Error ?? "no answer");
        }

        return reading.PageCount;
    }

    private void Drive(CopierConfiguration copier, PinValue level)
    {
        if (copier.EnablePin is not { } pin || !_openedPins.Contains(pin))
        {
            return;
        }

        try
        {
            _gpio.Write(pin, level);
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            JournalRelayFault(copier, pin, exception);
        }
    }

    private void JournalRelayFault(CopierConfiguration copier, int pin, Exception exception)
    {
        _journal.Append(new JournalEntry(JournalRecordKind.HardwareFault)
        {
            DoorId = copier.Id,
            Detail = $"copier-relay:gpio{pin}:{exception.Message}",
        });
        UsageLog.CopierRelayFailed(_logger, copier.Id, pin, exception);
    }

    private async Task RunLoggedAsync(Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            UsageLog.CopierStepFailed(_logger, exception);
        }
    }
}
