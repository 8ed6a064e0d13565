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

    private readonly Dictionary<Credential, int> _badgeIndex;
    private readonly int[] _badgeMember;
    private readonly BadgeState[] _badgeState;

    private readonly string[] _memberIds;
    private readonly string[] _memberNames;
    private readonly MemberStatus[] _memberStatus;
    private readonly int[] _memberValidFrom;
    private readonly int[] _memberValidTo;
    private readonly bool[] _memberStaff;

    internal AccessSnapshot(
        Dictionary<Credential, int> badgeIndex,
        int[] badgeMember,
        BadgeState[] badgeState,
        string[] memberIds,
        string[] memberNames,
        MemberStatus[] memberStatus,
        int[] memberValidFrom,
        int[] memberValidTo,
        bool[] memberStaff,
        MemberRights rights,
        MemberLeases leases,
        MemberBookings bookings)
    {
        _badgeIndex = badgeIndex;
        _badgeMember = badgeMember;
        _badgeState = badgeState;
        _memberIds = memberIds;
        _memberNames = memberNames;
        _memberStatus = memberStatus;
        _memberValidFrom = memberValidFrom;
        _memberValidTo = memberValidTo;
        _memberStaff = memberStaff;
        Rights = rights;
        Leases = leases;
        Bookings = bookings;
    }

    public static AccessSnapshot Empty { get; } = new AccessSnapshotBuilder().Build();

    public int MemberCount => _memberIds.Length;

    public int BadgeCount => _badgeMember.Length;

    public int RightCount => Rights.Zone.Length;

    public int LeaseCount => Leases.Zone.Length;

    public int BookingCount => Bookings.Zone.Length;

    internal MemberRights Rights { get; }

    internal MemberLeases Leases { get; }

    internal MemberBookings Bookings { get; }

    /// <summary>Loads a snapshot from the store file.</summary>
    public static AccessSnapshot Load(AccessStoreDatabase database) => AccessSnapshotLoader.Load(database);

    /// <summary>The store's id of the member at <paramref name="memberIndex"/> (from a decision).</summary>
    public string MemberId(int memberIndex) => _memberIds[memberIndex];

    /// <summary>The first name the kiosk greets the member with.</summary>
    public string MemberDisplayName(int memberIndex) => _memberNames[memberIndex];

    public bool IsStaff(int memberIndex) => _memberStaff[memberIndex];

    public MemberStatus MemberStatus(int memberIndex) => _memberStatus[memberIndex];

    /// <summary>Finds the member index of a member id; not for the hot path (linear).</summary>
    public int FindMember(string memberId) => Array.IndexOf(_memberIds, memberId);

    /// <summary>Looks a credential up; false when the badge is unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryFindBadge(in Credential credential, out int memberIndex, out BadgeState state)
    {
        if (_badgeIndex.TryGetValue(credential, out var badge))
        {
            memberIndex = _badgeMember[badge];
            state = _badgeState[badge];
            return true;
        }

        memberIndex = -1;
        state = BadgeState.Active;
        return false;
    }

    /// <summary>Member columns needed by a decision, read at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ReadMember(int memberIndex, out MemberStatus status, out int validFrom, out int validTo, out bool staff)
    {
        status = _memberStatus[memberIndex];
        validFrom = _memberValidFrom[memberIndex];
        validTo = _memberValidTo[memberIndex];
        staff = _memberStaff[memberIndex];
    }
}
