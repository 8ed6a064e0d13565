namespace Cybercantal.Edge.Protocol.Journal;

/// <summary>
/// What a journal record reports. The numeric values are stored and sent to the hub:
/// never renumber, only append.
/// </summary>
public enum JournalRecordKind
{
    AccessDecision = 1,
    DoorStateChanged = 2,
    DoorForcedOpen = 3,
    DoorHeldOpenPreAlarm = 4,
    DoorHeldOpen = 5,
    DoorExitRequest = 6,
    LockdownChanged = 7,
    EmergencyReleaseChanged = 8,
    ReaderFault = 9,
    HardwareFault = 10,
    AgentStarted = 11,
    AgentStopped = 12,
    CredentialStoreImported = 13,
    DoorAlarmCleared = 14,
    ScheduledUnlockChanged = 15,

    // 20-29: credentials and commands from the hub.

    /// <summary>A hub command was executed; detail <c>{name}:{id}</c>.</summary>
    CommandExecuted = 20,

    /// <summary>A hub command was refused (expired, replayed, unknown door...); detail <c>{name}:{id}:{why}</c>.</summary>
    CommandRefused = 21,

    /// <summary>A credential snapshot or delta from the hub was applied; detail <c>snapshot:v{n}</c> or <c>delta:v{n}</c>.</summary>
    CredentialsApplied = 22,

    /// <summary>A credential message was not applied (foreign base version, bad content); detail says why.</summary>
    CredentialsRefused = 23,

    // 30-49: usage tracking (docs/usage.md lists every field). Detail is "key=value;key=value" with
    // instants in UTC ISO-8601, so the hub bills from the record alone, whatever the record's own time.

    /// <summary>A PC session started; DoorId = PC id, MemberId, Credential when the hook sent a badge; detail <c>start=</c>.</summary>
    PcSessionStarted = 30,

    /// <summary>A PC session ended; DoorId = PC id; detail <c>reason=;start=;end=;seconds=</c>.</summary>
    PcSessionEnded = 31,

    /// <summary>A usage report was refused (unknown PC, member or badge; bad request); detail <c>fault=;source=</c>.</summary>
    UsageFault = 32,

    /// <summary>A copier session started; DoorId = copier id, ReaderId, MemberId, Credential; detail <c>start=;counter=</c>.</summary>
    CopierSessionStarted = 33,

    /// <summary>A copier session ended; detail <c>reason=;start=;end=;seconds=;pages=</c> or <c>flag=counter-reset|unmeasured</c>.</summary>
    CopierSessionEnded = 34,

    /// <summary>A booked room was checked in by its holder; DoorId = room door, detail <c>zone=;booking-start=;booking-end=;start=</c>.</summary>
    RoomCheckIn = 35,

    /// <summary>The use of a booked room ended; detail adds <c>reason=;end=;seconds=</c>.</summary>
    RoomUseEnded = 36,

    /// <summary>A booking had no check-in within the no-show delay and was released; detail <c>zone=;booking-start=;booking-end=</c>.</summary>
    RoomNoShow = 37,

    /// <summary>A member took a PC seat by a granted tap at its desk reader; DoorId = PC id, ReaderId, MemberId, Credential; detail <c>start=</c>.</summary>
    SeatAssigned = 38,

    /// <summary>A PC seat was released; detail <c>reason=;start=;end=;seconds=</c> (docs/usage.md, "Desk seats").</summary>
    SeatReleased = 39,
}
