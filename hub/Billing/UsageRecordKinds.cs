namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The journal record kinds billing reads (the agent's usage records, 30-49 in
/// <c>JournalRecordKind</c>). Kept as numbers here until the agent-side values are merged; the contract
/// (kind, member, detail syntax) is in docs/billing.md.
/// </summary>
public static class UsageRecordKinds
{
    public const int PcSessionEnded = 31;

    public const int CopierSessionEnded = 33;

    public const int RoomUseEnded = 35;

    public const int RoomNoShow = 36;

    public static IReadOnlyList<int> All { get; } = [PcSessionEnded, CopierSessionEnded, RoomUseEnded, RoomNoShow];
}
