using System.Runtime.CompilerServices;
using Cybercantal.Edge.Agent.Sites;
using Cybercantal.Edge.Protocol.Access;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Decides offline whether a badge opens a door, from the current <see cref="AccessSnapshot"/> and the
/// site's zones, opening hours, closures and time zone. Deciding allocates nothing and takes a few
/// hundred nanoseconds; rules and their order are in docs/access-rules.md. Lockdown is the doors
/// layer's business, not this one's. Thread-safe.
/// </summary>
public sealed class AccessDecisionEngine
{
    private const long TicksPerMinute = TimeSpan.TicksPerMinute;
    private const long TicksPerDay = TimeSpan.TicksPerDay;

    private readonly AccessStore _store;
    private readonly TimeZoneInfo _timeZone;
    private readonly Dictionary<string, ZoneKind> _zoneKinds;
    private readonly DoorConfiguration[] _siteDoors;
    private readonly ZoneKind[] _siteDoorKinds;
    private readonly ScheduleSlot[] _openingHours;
    private readonly HashSet<int> _closureDays;
    private readonly long _graceBeforeTicks;
    private readonly long _graceAfterTicks;

    /// <summary>
    /// The UTC offset of the last minute decided in, packed as (UTC minute &lt;&lt; 16) | offset minutes
    /// in one long so it is read and written atomically without a lock or an allocation. Offsets only
    /// change on whole minutes, so one conversion per minute is exact.
    /// </summary>
    private long _offsetCache = long.MinValue;

    public AccessDecisionEngine(SiteConfiguration site, AccessStore store, AccessDecisionOptions? options = null, ILogger<AccessDecisionEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(store);
        options ??= new AccessDecisionOptions();
        var log = logger ?? NullLogger<AccessDecisionEngine>.Instance;

        _store = store;
        _timeZone = site.TimeZone;
        _zoneKinds = new Dictionary<string, ZoneKind>(StringComparer.Ordinal);
        foreach (var zone in site.Zones)
        {
            _zoneKinds[zone.Id] = zone.Kind;
        }

        foreach (var door in site.Doors)
        {
            if (!_zoneKinds.ContainsKey(door.ToZone))
            {
                AccessLog.UnknownDoorZone(log, door.Id, door.ToZone);
            }
        }

        _siteDoors = [.. site.Doors];
        _siteDoorKinds = [.. site.Doors.Select(ZoneKindOf)];

        _openingHours = Compile(site.OpeningHours);
        _closureDays = [.. site.Closures.Select(c => c.Date.DayNumber)];
        _graceBeforeTicks = options.BookingGraceBefore.Ticks;
        _graceAfterTicks = options.BookingGraceAfter.Ticks;
    }

    public AccessStore Store => _store;

    /// <summary>Decides against the store's current snapshot.</summary>
    public AccessDecision Decide(in Credential credential, DoorConfiguration door, DateTimeOffset now) =>
        Decide(credential, door, now, _store.Current);

    /// <summary>
    /// Decides against a given snapshot; take the snapshot once and keep it to read the member's name
    /// for the same decision (<see cref="AccessDecision.MemberIndex"/> points into it).
    /// </summary>
    public AccessDecision Decide(in Credential credential, DoorConfiguration door, DateTimeOffset now, AccessSnapshot snapshot)
    {
        if (!snapshot.TryFindBadge(credential, out var member, out var badgeState))
        {
            return AccessDecision.Deny(DenyReason.UnknownBadge);
        }

        if (badgeState != BadgeState.Active)
        {
            return AccessDecision.Deny(badgeState == BadgeState.Lost ? DenyReason.BadgeLost : DenyReason.BadgeRevoked, member);
        }

        var utcTicks = now.UtcTicks;
        var localTicks = utcTicks + (LocalOffsetMinutes(utcTicks) * TicksPerMinute);
        var today = (int)(localTicks / TicksPerDay);
        var timeOfDay = localTicks % TicksPerDay;
        // DayNumber 0 (1 January 0001) was a Monday.
        var dayOfWeek = (DayOfWeek)((today + 1) % 7);

        ref readonly var row = ref snapshot.Member(member);
        var status = row.Status;
        if (status == MemberStatus.Suspended)
        {
            return AccessDecision.Deny(DenyReason.MemberSuspended, member);
        }

        if (status == MemberStatus.Expired || today > row.ValidTo)
        {
            return AccessDecision.Deny(DenyReason.MemberExpired, member);
        }

        if (today < row.ValidFrom)
        {
            return AccessDecision.Deny(DenyReason.MemberNotYetValid, member);
        }

        if (!Accepts(door, credential.Kind))
        {
            return AccessDecision.Deny(DenyReason.CredentialKindNotAccepted, member);
        }

        if (row.Staff)
        {
            return AccessDecision.Grant(member, GrantBasis.Staff);
        }

        var zone = door.ToZone;
        var closed = _closureDays.Contains(today);
        var open = !closed && InOpeningHours(dayOfWeek, timeOfDay);
        var hoursReason = closed ? DenyReason.ClosureDay : DenyReason.OutOfHours;
        var reason = DenyReason.NoRightForZone;

        switch (KindOfDoor(door))
        {
            case ZoneKind.Outside:
                // Leaving is never refused to an active member; egress hardware does not depend on it anyway.
                return AccessDecision.Grant(member, GrantBasis.CommonArea);
            case ZoneKind.Entrance:
            case ZoneKind.OpenSpace:
            case ZoneKind.CopierCorner:
            case ZoneKind.TrainingRoom:
                if (open)
                {
                    return AccessDecision.Grant(member, GrantBasis.CommonArea);
                }

                reason = hoursReason;
                break;
            case ZoneKind.PrivateOffice:
                if (HasLease(snapshot.Leases, member, zone, today))
                {
                    if (open)
                    {
                        return AccessDecision.Grant(member, GrantBasis.Lease);
                    }

                    reason = hoursReason;
                }

                break;
            case ZoneKind.MeetingRoom:
            case ZoneKind.VisioRoom:
                var booking = FindBooking(snapshot.Bookings, member, zone, utcTicks);
                if (booking == BookingMatch.Current)
                {
                    return AccessDecision.Grant(member, GrantBasis.Booking);
                }

                reason = booking == BookingMatch.Released ? DenyReason.BookingReleased : DenyReason.NoBookingNow;
                break;
            default:
                break;
        }

        // Explicit rights: a scheduled right follows its own schedule; an unscheduled one follows the
        // opening hours. The most specific failure wins the deny reason.
        var rights = snapshot.Rights;
        for (int r = rights.Offsets[member], end = rights.Offsets[member + 1]; r < end; r++)
        {
            if (!string.Equals(rights.Zone[r], zone, StringComparison.Ordinal) || today < rights.ValidFrom[r] || today > rights.ValidTo[r])
            {
                continue;
            }

            int slot = rights.SlotOffsets[r], lastSlot = rights.SlotOffsets[r + 1];
            if (slot == lastSlot)
            {
                if (open)
                {
                    return AccessDecision.Grant(member, GrantBasis.ExplicitRight);
                }

                reason = MoreSpecific(reason, hoursReason);
                continue;
            }

            for (; slot < lastSlot; slot++)
            {
                if (rights.Slots[slot].Contains(dayOfWeek, timeOfDay))
                {
                    return AccessDecision.Grant(member, GrantBasis.ExplicitRight);
                }
            }

            reason = MoreSpecific(reason, DenyReason.OutsideRightSchedule);
        }

        return AccessDecision.Deny(reason, member);
    }

    /// <summary>The site-local date of an instant (what validity and lease dates are compared with).</summary>
    public DateOnly LocalDate(DateTimeOffset now) =>
        DateOnly.FromDayNumber((int)((now.UtcTicks + (LocalOffsetMinutes(now.UtcTicks) * TicksPerMinute)) / TicksPerDay));

    /// <summary>
    /// The zone kind behind a door: the site's doors are matched by reference (a handful, cheaper than
    /// hashing the zone id); any other door by its zone id. Unknown zones behave as staff-only.
    /// </summary>
    private ZoneKind KindOfDoor(DoorConfiguration door)
    {
        var doors = _siteDoors;
        for (var i = 0; i < doors.Length; i++)
        {
            if (ReferenceEquals(doors[i], door))
            {
                return _siteDoorKinds[i];
            }
        }

        return ZoneKindOf(door);
    }

    private ZoneKind ZoneKindOf(DoorConfiguration door) =>
        _zoneKinds.TryGetValue(door.ToZone, out var kind) ? kind : ZoneKind.StaffOnly;

    private static bool Accepts(DoorConfiguration door, CredentialKind kind)
    {
        var accepted = door.AcceptedCredentials;
        for (var i = 0; i < accepted.Count; i++)
        {
            if (accepted[i] == kind)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasLease(MemberLeases leases, int member, string zone, int today)
    {
        for (int l = leases.Offsets[member], end = leases.Offsets[member + 1]; l < end; l++)
        {
            if (today >= leases.Start[l] && today <= leases.End[l] && string.Equals(leases.Zone[l], zone, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the member holds a booking of <paramref name="zone"/> now: a released one (no-show) does
    /// not open the room but is reported, so the refusal can say why. One more array read per matching
    /// booking, nothing more on the hot path.
    /// </summary>
    private BookingMatch FindBooking(MemberBookings bookings, int member, string zone, long utcTicks)
    {
        var match = BookingMatch.None;
        for (int b = bookings.Offsets[member], end = bookings.Offsets[member + 1]; b < end; b++)
        {
            if (utcTicks >= bookings.StartUtcTicks[b] - _graceBeforeTicks
                && utcTicks < bookings.EndUtcTicks[b] + _graceAfterTicks
                && string.Equals(bookings.Zone[b], zone, StringComparison.Ordinal))
            {
                if (!bookings.Released[b])
                {
                    return BookingMatch.Current;
                }

                match = BookingMatch.Released;
            }
        }

        return match;
    }

    private bool InOpeningHours(DayOfWeek day, long timeOfDay)
    {
        foreach (var slot in _openingHours)
        {
            if (slot.Contains(day, timeOfDay))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ranks deny reasons: the member's own right failing beats the zone's generic reasons.</summary>
    private static DenyReason MoreSpecific(DenyReason current, DenyReason candidate) =>
        Rank(candidate) > Rank(current) ? candidate : current;

    private static int Rank(DenyReason reason) => reason switch
    {
        DenyReason.OutsideRightSchedule => 5,
        DenyReason.ClosureDay => 4,
        DenyReason.OutOfHours => 3,
        DenyReason.NoBookingNow => 2,
        DenyReason.BookingReleased => 2,
        _ => 1,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long LocalOffsetMinutes(long utcTicks)
    {
        var minute = utcTicks / TicksPerMinute;
        var packed = Volatile.Read(ref _offsetCache);
        if (packed >> 16 == minute)
        {
            return (short)(packed & 0xFFFF);
        }

        return ConvertAndCache(minute, utcTicks);
    }

    private long ConvertAndCache(long minute, long utcTicks)
    {
        var offset = (short)_timeZone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).TotalMinutes;
        Volatile.Write(ref _offsetCache, (minute << 16) | (ushort)offset);
        return offset;
    }

    private static ScheduleSlot[] Compile(WeeklySchedule schedule)
    {
        var slots = new List<ScheduleSlot>();
        for (var day = 0; day < 7; day++)
        {
            foreach (var range in schedule.For((DayOfWeek)day))
            {
                // TimeOnly cannot say 24:00; its maximum means "to the end of the day".
                var to = range.To == TimeOnly.MaxValue ? TicksPerDay : range.To.Ticks;
                slots.Add(new ScheduleSlot((byte)(1 << day), range.From.Ticks, to));
            }
        }

        return [.. slots];
    }
}
