using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Agent.Usage.Pcs;

/// <summary>
/// Desk seats: a PC whose desk has a reader (<c>resource: &lt;pc id&gt;</c> in the site file) is taken by a
/// granted tap there. The holder is who a start naming only the PC is attributed to. The seat is released
/// by the holder's second tap (badge-out, which also ends the holder's session on that PC), another
/// member's tap (superseded), the holder's tap at another desk (moved), a start naming another member
/// (superseded), the end of the holder's session on the PC (its reason), or
/// <see cref="UsageOptions.SeatMaxDuration"/>. Seats are kept in usage.db and survive a restart.
/// All of it runs under the tracker's lock, with the sessions.
/// </summary>
public sealed partial class PcSessionTracker
{
    private readonly Dictionary<string, OpenUsageSession> _seats = new(StringComparer.Ordinal);
    private readonly TimeSpan _seatMaxDuration;

    /// <summary>The taken seats, by PC id.</summary>
    public IReadOnlyDictionary<string, OpenUsageSession> Seats
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, OpenUsageSession>(_seats, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// Handles a badge decision (the usage worker calls this for every one): a decision at a PC's desk
    /// reader takes, hands over or releases its seat. A denied tap changes nothing (the reader has
    /// already shown the refusal).
    /// </summary>
    public void SeatTap(BadgeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Reader.Resource is not { } pcId || !_pcs.ContainsKey(pcId)
            || !decision.Decision.Granted || decision.MemberId is not { } memberId)
        {
            return;
        }

        lock (_gate)
        {
            if (_seats.TryGetValue(pcId, out var held))
            {
                if (string.Equals(held.MemberId, memberId, StringComparison.Ordinal))
                {
                    // Tapping out: the member is leaving the desk, and their session on it ends with the seat.
                    ReleaseSeat(held, UsageEndReasons.BadgeOut, decision.At);
                    if (_open.TryGetValue(pcId, out var session) && string.Equals(session.MemberId, memberId, StringComparison.Ordinal))
                    {
                        _open.Remove(pcId);
                        Close(session, UsageEndReasons.BadgeOut, decision.At, releaseSeat: false);
                    }

                    return;
                }

                ReleaseSeat(held, UsageEndReasons.Superseded, decision.At);
            }

            // One seat per member: tapping at another desk leaves the previous one.
            foreach (var other in _seats.Values.Where(s => string.Equals(s.MemberId, memberId, StringComparison.Ordinal)).ToArray())
            {
                ReleaseSeat(other, UsageEndReasons.Moved, decision.At);
            }

            var seat = new OpenUsageSession(UsageKinds.Seat, pcId, memberId, decision.Credential.ToString(), decision.At, decision.At)
            {
                ReaderId = decision.Reader.Id,
            };
            _seats[pcId] = seat;
            _state.Save(seat);
            _journal.Append(new JournalEntry(JournalRecordKind.SeatAssigned)
            {
                DoorId = pcId,
                ReaderId = decision.Reader.Id,
                MemberId = memberId,
                Credential = decision.Credential,
                Detail = new UsageDetail().Add("start", decision.At).ToString(),
            });
            UsageLog.SeatAssigned(_logger, pcId, memberId, decision.Reader.Id);
        }
    }

    /// <summary>Staff releases a seat (console, hub command). False when the PC's seat is free.</summary>
    public bool ReleaseSeat(string pcId)
    {
        lock (_gate)
        {
            if (!_seats.TryGetValue(pcId, out var seat))
            {
                return false;
            }

            ReleaseSeat(seat, UsageEndReasons.ForcedByStaff, _time.GetUtcNow());
            return true;
        }
    }

    /// <summary>Releases the seats held for <see cref="UsageOptions.SeatMaxDuration"/> (the liveness monitor calls this on every check).</summary>
    public int ReleaseExpiredSeats()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var expired = _seats.Values.Where(s => now - s.Started >= _seatMaxDuration).ToArray();
            foreach (var seat in expired)
            {
                ReleaseSeat(seat, UsageEndReasons.MaxDuration, seat.Started + _seatMaxDuration);
            }

            return expired.Length;
        }
    }

    /// <summary>
    /// A start names <paramref name="memberId"/> on <paramref name="pcId"/>: a seat held by someone else is
    /// released as superseded (the hook says who actually sits there). Caller holds the lock.
    /// </summary>
    private void SettleSeatForStart(string pcId, string? memberId, DateTimeOffset at)
    {
        if (_seats.TryGetValue(pcId, out var held) && !string.Equals(held.MemberId, memberId, StringComparison.Ordinal))
        {
            ReleaseSeat(held, UsageEndReasons.Superseded, at);
        }
    }

    /// <summary>The session of <paramref name="memberId"/> on the PC ended: their seat there goes too. Caller holds the lock.</summary>
    private void ReleaseSeatOf(string pcId, string? memberId, string reason, DateTimeOffset at)
    {
        if (_seats.TryGetValue(pcId, out var held) && string.Equals(held.MemberId, memberId, StringComparison.Ordinal))
        {
            ReleaseSeat(held, reason, at);
        }
    }

    /// <summary>Takes back the seats of the previous run; those past their maximum duration are released. Caller holds the lock.</summary>
    private void RestoreSeats()
    {
        var now = _time.GetUtcNow();
        var kept = 0;
        foreach (var seat in _state.Load(UsageKinds.Seat))
        {
            if (!_pcs.ContainsKey(seat.Resource))
            {
                // The PC left the site file while the agent was down.
                ReleaseSeat(seat, UsageEndReasons.AgentRestartRecovered, seat.LastAlive);
                continue;
            }

            if (now - seat.Started >= _seatMaxDuration)
            {
                ReleaseSeat(seat, UsageEndReasons.MaxDuration, seat.Started + _seatMaxDuration);
                continue;
            }

            _seats[seat.Resource] = seat;
            kept++;
        }

        if (kept > 0)
        {
            UsageLog.SeatsRestored(_logger, kept);
        }
    }

    private void ReleaseSeat(OpenUsageSession seat, string reason, DateTimeOffset end)
    {
        if (end < seat.Started)
        {
            end = seat.Started;
        }

        _seats.Remove(seat.Resource);
        _state.Remove(UsageKinds.Seat, seat.Resource);
        _journal.Append(new JournalEntry(JournalRecordKind.SeatReleased)
        {
            DoorId = seat.Resource,
            ReaderId = seat.ReaderId,
            MemberId = seat.MemberId,
            Credential = CredentialOrNone(seat.Credential),
            Detail = new UsageDetail().Add("reason", reason).Add("start", seat.Started).Add("end", end).Seconds(seat.Started, end).ToString(),
        });
        UsageLog.SeatReleased(_logger, seat.Resource, seat.MemberId ?? "?", reason);
    }
}
