using Cybercantal.Edge.Protocol.Access;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// Collects store rows and compiles them into an <see cref="AccessSnapshot"/>. Rows referencing an
/// unknown member, duplicate badges and unparsable schedules are skipped and counted in
/// <see cref="SkippedRows"/> (the importer refuses them before they reach the store).
/// Zone ids and display names are pooled so equal ones share one string instance.
/// </summary>
public sealed class AccessSnapshotBuilder : IAccessRowSink
{
    private readonly Dictionary<string, int> _memberIndex = new(StringComparer.Ordinal);
    private readonly List<string> _memberIds;
    private readonly List<string> _memberNames;
    private readonly List<MemberRow> _members;

    private readonly Dictionary<Credential, int> _badgeIndex;

    private readonly List<(int Member, string Zone, int From, int To, ScheduleSlot[] Slots)> _rights = [];
    private readonly List<(int Member, string Zone, int Start, int End)> _leases = [];
    private readonly List<(int Member, string Zone, long Start, long End)> _bookings = [];
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);

    public AccessSnapshotBuilder(int memberCapacity = 0, int badgeCapacity = 0)
    {
        _memberIds = new(memberCapacity);
        _memberNames = new(memberCapacity);
        _members = new(memberCapacity);
        _badgeIndex = new(badgeCapacity);
    }

    public int SkippedRows { get; private set; }

    private bool _built;

    public void Add(MemberRecord member)
    {
        ThrowIfBuilt();
        if (!_memberIndex.TryAdd(member.Id, _memberIds.Count))
        {
            SkippedRows++;
            return;
        }

        _memberIds.Add(member.Id);
        // First names repeat a lot: pooling them saves a string per member.
        _memberNames.Add(Pool(member.DisplayName));
        _members.Add(new MemberRow(
            member.ValidFrom?.DayNumber ?? AccessSnapshot.NoLowerDay,
            member.ValidTo?.DayNumber ?? AccessSnapshot.NoUpperDay,
            member.Status,
            member.Staff));
    }

    public void Add(BadgeRecord badge) => AddBadge(badge.Credential, badge.State, badge.MemberId);

    public void AddBadge(Credential credential, BadgeState state, string memberId)
    {
        ThrowIfBuilt();
        if (!_memberIndex.TryGetValue(memberId, out var member)
            || !_badgeIndex.TryAdd(credential, (member << AccessSnapshot.BadgeStateBits) | (int)state))
        {
            SkippedRows++;
        }
    }

    public void Add(AccessRightRecord right)
    {
        ThrowIfBuilt();
        ScheduleSlot[] slots = [];
        if (!_memberIndex.TryGetValue(right.MemberId, out var member)
            || (right.Schedule is { } schedule && !RightSchedule.TryParse(schedule, out slots, out _, out _)))
        {
            SkippedRows++;
            return;
        }

        _rights.Add((member, Pool(right.Zone), right.ValidFrom?.DayNumber ?? AccessSnapshot.NoLowerDay,
            right.ValidTo?.DayNumber ?? AccessSnapshot.NoUpperDay, slots));
    }

    public void Add(LeaseRecord lease)
    {
        ThrowIfBuilt();
        if (!_memberIndex.TryGetValue(lease.MemberId, out var member))
        {
            SkippedRows++;
            return;
        }

        _leases.Add((member, Pool(lease.Zone), lease.Start.DayNumber, lease.End?.DayNumber ?? AccessSnapshot.NoUpperDay));
    }

    public void Add(BookingRecord booking)
    {
        ThrowIfBuilt();
        if (!_memberIndex.TryGetValue(booking.MemberId, out var member))
        {
            SkippedRows++;
            return;
        }

        _bookings.Add((member, Pool(booking.Zone), booking.Start.UtcTicks, booking.End.UtcTicks));
    }

    /// <summary>Compiles the rows into a snapshot; the builder cannot be used afterwards.</summary>
    public AccessSnapshot Build()
    {
        ThrowIfBuilt();
        var memberCount = _memberIds.Count;

        var rightOrder = OrderByMember(_rights, r => r.Member, memberCount, out var rightOffsets);
        var slotOffsets = new int[rightOrder.Length + 1];
        var slots = new List<ScheduleSlot>();
        for (var i = 0; i < rightOrder.Length; i++)
        {
            slotOffsets[i] = slots.Count;
            slots.AddRange(_rights[rightOrder[i]].Slots);
        }

        slotOffsets[rightOrder.Length] = slots.Count;
        var rights = new MemberRights(
            rightOffsets,
            [.. rightOrder.Select(i => _rights[i].Zone)],
            [.. rightOrder.Select(i => _rights[i].From)],
            [.. rightOrder.Select(i => _rights[i].To)],
            slotOffsets,
            [.. slots]);

        var leaseOrder = OrderByMember(_leases, l => l.Member, memberCount, out var leaseOffsets);
        var leases = new MemberLeases(
            leaseOffsets,
            [.. leaseOrder.Select(i => _leases[i].Zone)],
            [.. leaseOrder.Select(i => _leases[i].Start)],
            [.. leaseOrder.Select(i => _leases[i].End)]);

        var bookingOrder = OrderByMember(_bookings, b => b.Member, memberCount, out var bookingOffsets);
        var bookings = new MemberBookings(
            bookingOffsets,
            [.. bookingOrder.Select(i => _bookings[i].Zone)],
            [.. bookingOrder.Select(i => _bookings[i].Start)],
            [.. bookingOrder.Select(i => _bookings[i].End)],
            new bool[bookingOrder.Length]);

        // The snapshot takes the badge dictionary over (copying 250k entries would double the peak
        // memory of a load), so the builder is spent: a later Add must not mutate a published snapshot.
        _built = true;
        return new AccessSnapshot(
            _badgeIndex,
            [.. _members],
            [.. _memberIds],
            [.. _memberNames],
            rights,
            leases,
            bookings);
    }

    /// <summary>Stable counting sort of rows by member: returns row indices and per-member offsets.</summary>
    private static int[] OrderByMember<T>(List<T> rows, Func<T, int> member, int memberCount, out int[] offsets)
    {
        offsets = new int[memberCount + 1];
        foreach (var row in rows)
        {
            offsets[member(row) + 1]++;
        }

        for (var m = 0; m < memberCount; m++)
        {
            offsets[m + 1] += offsets[m];
        }

        var next = (int[])offsets.Clone();
        var order = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            order[next[member(rows[i])]++] = i;
        }

        return order;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This builder has already built its snapshot; start a new builder.");
        }
    }

    private string Pool(string text)
    {
        if (_pool.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        _pool.Add(text, text);
        return text;
    }
}
