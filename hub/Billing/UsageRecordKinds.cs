using Cybercantal.Edge.Protocol.Journal;

namespace Cybercantal.Edge.Hub.Billing;

/// <summary>
/// The journal record kinds billing reads: the agent's usage records (<see cref="JournalRecordKind"/>,
/// 30-49; fields in docs/usage.md "Journal records"). Constants so they can be used in switch cases and SQL.
/// </summary>
public static class UsageRecordKinds
{
    public const int PcSessionEnded = (int)JournalRecordKind.PcSessionEnded;

    public const int CopierSessionEnded = (int)JournalRecordKind.CopierSessionEnded;

    public const int RoomUseEnded = (int)JournalRecordKind.RoomUseEnded;

    public const int RoomNoShow = (int)JournalRecordKind.RoomNoShow;

    public static IReadOnlyList<int> All { get; } = [PcSessionEnded, CopierSessionEnded, RoomUseEnded, RoomNoShow];
}
