using Cybercantal.Edge.Agent.Access;
using Cybercantal.Edge.Agent.Badges;
using Cybercantal.Edge.Agent.Journal;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cybercantal.Edge.Agent.Usage.Rooms;

/// <summary>
/// Use of the booked rooms (meeting, visio). The holder's granted badge at the room's door during the
/// booking is the check-in; the use ends by a second badge of the holder at that reader (badge-out), a
/// badge of the holder at a door leaving the room (exit), the booking's end, or the occupancy timeout.
/// A booking with no check-in <see cref="UsageOptions.RoomNoShowAfter"/> after its start is recorded as
/// a no-show and released: it no longer opens the room (<see cref="AccessStore.Release"/>, kept in the
/// usage state across restarts). Bookings come from the access store (<see cref="AccessSnapshot"/>). A periodic scan on the
/// <see cref="TimeProvider"/> drives the time-based ends. Thread-safe.
/// </summary>
public sealed class RoomUseTracker : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _roomZones;
    private readonly Dictionary<string, OpenUsageSession> _open = new(StringComparer.Ordinal);
    private readonly AccessStore _store;
    private readonly UsageStateStore _state;
    private readonly IJournal _journal;
    private readonly UsageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RoomUseTracker> _logger;
    private HashSet<string> _settled = new(StringComparer.Ordinal);

    public RoomUseTracker(SiteConfiguration site, AccessStore store, UsageStateStore state, IJournal journal, IOptions<UsageOptions> options, TimeProvider time, ILogger<RoomUseTracker> logger)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        _roomZones = [.. site.Zones.Where(z => z.Kind is ZoneKind.MeetingRoom or ZoneKind.VisioRoom).Select(z => z.Id)];
        _store = store;
        _state = state;
        _journal = journal;
        _options = options.Value;
        _time = time;
        _logger = logger;

        // In the constructor, not at start: hosted services are all built before the first one starts, so
        // the releases are in place before the access snapshot is first loaded and the readers decide.
        foreach (var release in _state.LoadReleases(time.GetUtcNow() - TimeSpan.FromDays(2)))
        {
            _store.Release(release);
        }
    }

    /// <summary>Whether <paramref name="zoneId"/> is a meeting or visio room of this site.</summary>
    public bool IsRoom(string zoneId) => _roomZones.Contains(zoneId);

    /// <summary>Ends the room's open use at staff's request (remote command), reason <see cref="UsageEndReasons.ForcedByStaff"/>.</summary>
    /// <returns>False when the room has no open use.</returns>
    public bool ForceEnd(string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_open.Remove(zoneId, out var use))
            {
                return false;
            }

            Close(use, UsageEndReasons.ForcedByStaff, now);
            return true;
        }
    }

    /// <summary>The open room uses, by room zone id.</summary>
    public IReadOnlyDictionary<string, OpenUsageSession> OpenUses
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, OpenUsageSession>(_open, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Closes the uses a previous run left open (at their last alive instant) and loads the settled bookings.</summary>
    public int RecoverAfterRestart()
    {
        var now = _time.GetUtcNow();
        var recovered = _state.Load(UsageKinds.Room);
        lock (_gate)
        {
            _settled = _state.LoadSettled(now - TimeSpan.FromDays(2));
            foreach (var use in recovered)
            {
                _open.Remove(use.Resource);
                Close(use, UsageEndReasons.AgentRestartRecovered, use.LastAlive);
            }
        }

        return recovered.Count;
    }

    /// <summary>Called by the <see cref="UsageWorker"/> for each badge decision; handles door decisions that involve a room.</summary>
    public void OnDecided(BadgeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.Decision.Granted || decision.MemberId is null || decision.Door is not { } door)
        {
            return;
        }

        lock (_gate)
        {
            if (_roomZones.Contains(door.FromZone) && _open.TryGetValue(door.FromZone, out var leaving)
                && string.Equals(leaving.MemberId, decision.MemberId, StringComparison.Ordinal))
            {
                _open.Remove(door.FromZone);
                Close(leaving, UsageEndReasons.Exit, decision.At);
                return;
            }

            if (!_roomZones.Contains(door.ToZone))
            {
                return;
            }

            if (_open.TryGetValue(door.ToZone, out var current))
            {
                if (string.Equals(current.MemberId, decision.MemberId, StringComparison.Ordinal)
                    && string.Equals(current.ReaderId, decision.Reader.Id, StringComparison.Ordinal))
                {
                    _open.Remove(door.ToZone);
                    Close(current, UsageEndReasons.BadgeOut, decision.At);
                }
                else
                {
                    // Someone else entering an occupied room (a participant): the holder's use goes on.
                    _open[door.ToZone] = current with { LastAlive = decision.At };
                    _state.Touch(UsageKinds.Room, door.ToZone, decision.At);
                }

                return;
            }

            if (FindBooking(decision.MemberId, door.ToZone, decision.At) is not { } booking)
            {
                return;
            }

            var use = new OpenUsageSession(UsageKinds.Room, door.ToZone, decision.MemberId, decision.Credential.ToString(), decision.At, decision.At)
            {
                ReaderId = decision.Reader.Id,
                DoorId = door.Id,
                BookingStart = booking.Start,
                BookingEnd = booking.End,
            };
            _open[door.ToZone] = use;
            _state.Save(use);
            if (_settled.Add(booking.Key))
            {
                _state.Settle(booking.Key, booking.End);
            }

            _journal.Append(new JournalEntry(JournalRecordKind.RoomCheckIn)
            {
                DoorId = door.Id,
                ReaderId = decision.Reader.Id,
                MemberId = decision.MemberId,
                Credential = decision.Credential,
                Detail = BookingDetail(use.Resource, booking.Start, booking.End).Add("start", decision.At).ToString(),
            });
            UsageLog.RoomCheckIn(_logger, door.ToZone, decision.MemberId);
        }
    }

    /// <summary>Ends uses past their booking or occupancy timeout and records the no-shows due by now.</summary>
    public void ScanOnce()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var use in _open.Values.ToArray())
            {
                if (use.BookingEnd is { } end && now >= end)
                {
                    _open.Remove(use.Resource);
                    Close(use, UsageEndReasons.BookingEnd, end);
                }
                else if (now - use.LastAlive >= _options.RoomOccupancyTimeout)
                {
                    _open.Remove(use.Resource);
                    Close(use, UsageEndReasons.OccupancyTimeout, use.LastAlive + _options.RoomOccupancyTimeout);
                }
            }

            foreach (var booking in Bookings(_store.Current))
            {
                // Only bookings still running: a booking the agent was down for entirely is not claimed a no-show.
                if (now < booking.Start + _options.RoomNoShowAfter || now >= booking.End || _settled.Contains(booking.Key))
                {
                    continue;
                }

                _settled.Add(booking.Key);
                _state.Settle(booking.Key, booking.End);

                // Released for real: persisted first, then the booking stops opening the room.
                var release = new ReleasedBooking(booking.MemberId, booking.Zone, booking.Start, booking.End);
                _state.SaveRelease(release);
                _store.Release(release);
                _journal.Append(new JournalEntry(JournalRecordKind.RoomNoShow)
                {
                    MemberId = booking.MemberId,
                    Detail = BookingDetail(booking.Zone, booking.Start, booking.End).Add("released", booking.Start + _options.RoomNoShowAfter).ToString(),
                });
                UsageLog.RoomNoShow(_logger, booking.Zone, booking.MemberId, booking.Start);
            }
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var recovered = RecoverAfterRestart();
        if (recovered > 0)
        {
            UsageLog.Recovered(_logger, recovered, UsageKinds.Room);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_options.RoomScanInterval, _time, stoppingToken).ConfigureAwait(false);
                ScanOnce();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The room bookings of the snapshot (rooms of this site only).</summary>
    internal IEnumerable<RoomBooking> Bookings(AccessSnapshot snapshot)
    {
        var bookings = snapshot.Bookings;
        for (var member = 0; member < snapshot.MemberCount; member++)
        {
            for (int b = bookings.Offsets[member], last = bookings.Offsets[member + 1]; b < last; b++)
            {
                if (_roomZones.Contains(bookings.Zone[b]))
                {
                    yield return new RoomBooking(
                        snapshot.MemberId(member),
                        bookings.Zone[b],
                        new DateTimeOffset(bookings.StartUtcTicks[b], TimeSpan.Zero),
                        new DateTimeOffset(bookings.EndUtcTicks[b], TimeSpan.Zero));
                }
            }
        }
    }

    private RoomBooking? FindBooking(string memberId, string zone, DateTimeOffset at)
    {
        var snapshot = _store.Current;
        var member = snapshot.FindMember(memberId);
        if (member < 0)
        {
            return null;
        }

        var bookings = snapshot.Bookings;
        for (int b = bookings.Offsets[member], last = bookings.Offsets[member + 1]; b < last; b++)
        {
            // The door may open a little before the booking (access grace); the use counts from the badge.
            var start = new DateTimeOffset(bookings.StartUtcTicks[b], TimeSpan.Zero);
            var end = new DateTimeOffset(bookings.EndUtcTicks[b], TimeSpan.Zero);
            if (string.Equals(bookings.Zone[b], zone, StringComparison.Ordinal) && at >= start - TimeSpan.FromMinutes(15) && at < end
                && !bookings.Released[b])
            {
                return new RoomBooking(memberId, zone, start, end);
            }
        }

        return null;
    }

    private static UsageDetail BookingDetail(string zone, DateTimeOffset start, DateTimeOffset end) =>
        new UsageDetail().Add("zone", zone).Add("booking-start", start).Add("booking-end", end);

    private void Close(OpenUsageSession use, string reason, DateTimeOffset end)
    {
        if (end < use.Started)
        {
            end = use.Started;
        }

        _state.Remove(UsageKinds.Room, use.Resource);
        _journal.Append(new JournalEntry(JournalRecordKind.RoomUseEnded)
        {
            DoorId = use.DoorId,
            ReaderId = use.ReaderId,
            MemberId = use.MemberId,
            Credential = Pcs.PcSessionTracker.CredentialOrNone(use.Credential),
            Detail = BookingDetail(use.Resource, use.BookingStart ?? use.Started, use.BookingEnd ?? end)
                .Add("reason", reason).Add("start", use.Started).Add("end", end).Seconds(use.Started, end).ToString(),
        });
        UsageLog.RoomUseEnded(_logger, use.Resource, use.MemberId ?? "?", reason);
    }
}
