using System.Runtime.CompilerServices;

namespace Cybercantal.Edge.Agent.Access;

/// <summary>
/// An immutable, read-optimised index of the access store for the decision hot path: a badge
/// dictionary, member columns and per-member rights, leases and bookings in flat arrays addressed by
/// offsets (CSR layout). Nothing here allocates when read; a changed store yields a new snapshot that
/// <see cref="AccessStore"/> swaps in atomically. Build one with <see cref="AccessSnapshotBuilder"/>
/// or <see cref="Load"/>.
/// </summary>
public sealed class AccessSnapshot
{
    /// <summary>Marks an unbounded start or end in the day-number columns.</summary>
    internal const int NoLowerDay = int.MinValue;
    internal const int NoUpperDay = int.MaxValue;

    /// <summary>Badge value: member index shifted left by <see cref="BadgeStateBits"/>, badge state in the low bits.</summary>
    internal const int BadgeStateBits = 2;

    private readonly Dictionary<Credential, int> _badgeIndex;
    private readonly MemberRow[] _members;
    private readonly string[] _memberIds;
    private readonly string[] _memberNames;

    internal AccessSnapshot(
        Dictionary<Credential, int> badgeIndex,
        MemberRow[] members,
        string[] memberIds,
        string[] memberNames,
        MemberRights rights,
        MemberLeases leases,
        MemberBookings bookings)
    {
        _badgeIndex = badgeIndex;
        _members = members;
        _memberIds = memberIds;
        _memberNames = memberNames;
        Rights = rights;
        Leases = leases;
        Bookings = bookings;
    }

    public static AccessSnapshot Empty { get; } = new AccessSnapshotBuilder().Build();

    public int MemberCount => _memberIds.Length;

    public int BadgeCount => _badgeIndex.Count;

    public int RightCount => Rights.Zone.Length;

    public int LeaseCount => Leases.Zone.Length;

    public int BookingCount => Bookings.Zone.Length;

    internal MemberRights Rights { get; }

    internal MemberLeases Leases { get; }

    internal MemberBookings Bookings { get; }

    /// <summary>This snapshot with other booking columns; everything else is shared (it is never written).</summary>
    internal AccessSnapshot WithBookings(MemberBookings bookings) =>
        new(_badgeIndex, _members, _memberIds, _memberNames, Rights, Leases, bookings);

    /// <summary>Loads a snapshot from the store file.</summary>
    public static AccessSnapshot Load(AccessStoreDatabase database) => AccessSnapshotLoader.Load(database);

    /// <summary>The store's id of the member at <paramref name="memberIndex"/> (from a decision).</summary>
    public string MemberId(int memberIndex) => _memberIds[memberIndex];

    /// <summary>The first name the kiosk greets the member with.</summary>
    public string MemberDisplayName(int memberIndex) => _memberNames[memberIndex];

    public bool IsStaff(int memberIndex) => _members[memberIndex].Staff;

    public MemberStatus MemberStatus(int memberIndex) => _members[memberIndex].Status;

    /// <summary>Finds the member index of a member id; not for the hot path (linear).</summary>
    public int FindMember(string memberId) => Array.IndexOf(_memberIds, memberId);

    /// <summary>Looks a credential up; false when the badge is unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFindBadge(in Credential credential, out int memberIndex, out BadgeState state)
    {
        if (_badgeIndex.TryGetValue(credential, out var badge))
        {
            memberIndex = badge >> BadgeStateBits;
            state = (BadgeState)(badge & ((1 << BadgeStateBits) - 1));
            return true;
        }

        memberIndex = -1;
        state = BadgeState.Active;
        return false;
    }

    /// <summary>What a decision needs of a member, read at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref readonly MemberRow Member(int memberIndex) => ref _members[memberIndex];
}
