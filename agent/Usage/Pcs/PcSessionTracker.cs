using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>
/// The PC sessions of the site: opened and closed by the PCs' hooks, closed by the liveness monitor when a
/// PC goes silent, by staff, or at start for sessions a crash left open. At most one session per PC: a new
/// start supersedes the previous one. Every change is journaled and kept in the usage state. A PC with a
/// desk reader also has a seat (PcSessionTracker.Seats.cs): a start naming only the PC goes to its holder.
/// Thread-safe.
/// </summary>
public sealed partial class PcSessionTracker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PcConfiguration> _pcs;
    private readonly Dictionary<string, OpenUsageSession> _open = new(StringComparer.Ordinal);
    private readonly AccessStore _store;
    private readonly UsageStateStore _state;
    private readonly IJournal _journal;
    private readonly TimeProvider _time;
    private readonly ILogger<PcSessionTracker> _logger;

    /// <param name="options">Seat settings; null takes the defaults.</param>
    public PcSessionTracker(SiteConfiguration site, AccessStore store, UsageStateStore state, IJournal journal, TimeProvider time, ILogger<PcSessionTracker> logger, IOptions<UsageOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        _pcs = site.Pcs.ToDictionary(p => p.Id, StringComparer.Ordinal);
        _seatMaxDuration = (options?.Value ?? new UsageOptions()).SeatMaxDuration;
        _store = store;
        _state = state;
        _journal = journal;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<PcConfiguration> Pcs => _pcs.Values;

    /// <summary>The open sessions, by PC id.</summary>
    public IReadOnlyDictionary<string, OpenUsageSession> OpenSessions
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, OpenUsageSession>(_open, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Closes every session the usage state still holds from a previous run, at its last known alive
    /// instant, with reason agent-restart-recovered. Call once at start, before any report.
    /// </summary>
    public int RecoverAfterRestart()
    {
        var recovered = _state.Load(UsageKinds.Pc);
        lock (_gate)
        {
            foreach (var session in recovered)
            {
                _open.Remove(session.Resource);
                Close(session, UsageEndReasons.AgentRestartRecovered, session.LastAlive, releaseSeat: false);
            }

            RestoreSeats();
        }

        return recovered.Count;
    }

    /// <summary>Handles a hook's report. Refusals are journaled as usage faults and change nothing else.</summary>
    public PcSessionResult Report(PcSessionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = _time.GetUtcNow();
        if (string.IsNullOrWhiteSpace(report.PcId) || !_pcs.ContainsKey(report.PcId))
        {
            return Refuse(report, PcSessionOutcome.UnknownPc, $"PC '{report.PcId}' is not in the site file (resources.pcs)");
        }

        if (report.Event != PcSessionEvent.Start)
        {
            lock (_gate)
            {
                if (!_open.TryGetValue(report.PcId, out var session))
                {
                    UsageLog.PcEndWithoutSession(_logger, report.PcId);
                    return new PcSessionResult(PcSessionOutcome.NoOpenSession, $"PC '{report.PcId}' has no open session");
                }

                _open.Remove(report.PcId);
                Close(session, report.Event == PcSessionEvent.Idle ? UsageEndReasons.IdleTimeout : UsageEndReasons.Logout, now);
                return new PcSessionResult(PcSessionOutcome.Ended, MemberId: session.MemberId);
            }
        }

        lock (_gate)
        {
            var who = Identify(report, out var seat);
            if (!who.Accepted)
            {
                return Refuse(report, who.Outcome, who.Error!);
            }

            if (_open.Remove(report.PcId, out var previous))
            {
                // The seat, if any, is settled just below by who this start names, not by the old session.
                Close(previous, UsageEndReasons.Superseded, now, releaseSeat: false);
            }

            SettleSeatForStart(report.PcId, who.MemberId, now);
            var sessionCredential = seat is null ? report.Credential : seat.Credential;
            var session = new OpenUsageSession(UsageKinds.Pc, report.PcId, who.MemberId, sessionCredential, now, now);
            _open[report.PcId] = session;
            _state.Save(session);
            var credential = CredentialOrNone(sessionCredential);
            _journal.Append(new JournalEntry(JournalRecordKind.PcSessionStarted)
            {
                DoorId = report.PcId,
                MemberId = who.MemberId,
                Credential = credential,
                Detail = new UsageDetail().Add("start", now).Add("identified-by", seat is null ? null : "seat").ToString(),
            });
            UsageLog.PcSessionStarted(_logger, report.PcId, who.MemberId ?? "?");
            if (seat is not null)
            {
                UsageLog.SeatAttributed(_logger, report.PcId, seat.MemberId ?? "?");
            }

            return new PcSessionResult(PcSessionOutcome.Started, MemberId: who.MemberId);
        }
    }

    /// <summary>Staff closes a PC's session (console, hub command). False when none is open.</summary>
    public bool ForceEnd(string pcId) => End(pcId, UsageEndReasons.ForcedByStaff, _time.GetUtcNow());

    /// <summary>The PC answered its probe at <paramref name="at"/>: its session is alive.</summary>
    public void MarkAlive(string pcId, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(pcId, out var session) && session.LastAlive < at)
            {
                _open[pcId] = session with { LastAlive = at };
                _state.Touch(UsageKinds.Pc, pcId, at);
            }
        }
    }

    /// <summary>Ends a PC's open session at its last alive instant (the PC went silent).</summary>
    public bool EndUnreachable(string pcId)
    {
        lock (_gate)
        {
            if (!_open.Remove(pcId, out var session))
            {
                return false;
            }

            Close(session, UsageEndReasons.PcUnreachable, session.LastAlive);
            return true;
        }
    }

    public bool End(string pcId, string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!_open.Remove(pcId, out var session))
            {
                return false;
            }

            Close(session, reason, at);
            return true;
        }
    }

    /// <summary>Who a start names: the member, the badge's member, or (naming only the PC) the seat holder.</summary>
    private PcSessionResult Identify(PcSessionReport report, out OpenUsageSession? seat)
    {
        seat = null;
        var snapshot = _store.Current;
        if (!string.IsNullOrWhiteSpace(report.MemberId))
        {
            return snapshot.FindMember(report.MemberId) >= 0
                ? new PcSessionResult(PcSessionOutcome.Started, MemberId: report.MemberId)
                : new PcSessionResult(PcSessionOutcome.UnknownMember, $"member '{report.MemberId}' is not in the access store");
        }

        if (string.IsNullOrWhiteSpace(report.Credential))
        {
            if (_seats.TryGetValue(report.PcId, out var held))
            {
                seat = held;
                return new PcSessionResult(PcSessionOutcome.Started, MemberId: held.MemberId);
            }

            return new PcSessionResult(PcSessionOutcome.Invalid, "a start needs 'member' or 'credential' (or a seat taken at the PC's desk reader)");
        }

        if (!Credential.TryParse(report.Credential, out var credential))
        {
            return new PcSessionResult(PcSessionOutcome.Invalid, $"credential '{report.Credential}' is not a credential (nfc:HEX or wiegandNN:facility:card)");
        }

        return snapshot.TryFindBadge(credential, out var member, out var state) && state == BadgeState.Active
            ? new PcSessionResult(PcSessionOutcome.Started, MemberId: snapshot.MemberId(member))
            : new PcSessionResult(PcSessionOutcome.UnknownMember, $"badge '{credential}' is not an active badge of the access store");
    }

    private PcSessionResult Refuse(PcSessionReport report, PcSessionOutcome outcome, string error)
    {
        _journal.Append(new JournalEntry(JournalRecordKind.UsageFault)
        {
            DoorId = _pcs.ContainsKey(report.PcId ?? string.Empty) ? report.PcId : null,
            MemberId = report.MemberId,
            Detail = new UsageDetail().Add("source", "pc").Add("fault", outcome.ToString()).Add("message", error).ToString(),
        });
        UsageLog.PcReportRefused(_logger, error);
        return new PcSessionResult(outcome, error);
    }

    private void Close(OpenUsageSession session, string reason, DateTimeOffset end, bool releaseSeat = true)
    {
        if (end < session.Started)
        {
            end = session.Started;
        }

        if (releaseSeat)
        {
            // The holder's session is over: so is the seat (the next start must name someone again).
            ReleaseSeatOf(session.Resource, session.MemberId, reason, end);
        }

        _state.Remove(UsageKinds.Pc, session.Resource);
        var credential = CredentialOrNone(session.Credential);
        _journal.Append(new JournalEntry(JournalRecordKind.PcSessionEnded)
        {
            DoorId = session.Resource,
            MemberId = session.MemberId,
            Credential = credential,
            Detail = new UsageDetail().Add("reason", reason).Add("start", session.Started).Add("end", end).Seconds(session.Started, end).ToString(),
        });
        UsageLog.PcSessionEnded(_logger, session.Resource, session.MemberId ?? "?", reason);
    }

    internal static Credential CredentialOrNone(string? text) => Credential.TryParse(text, out var credential) ? credential : default;
}
