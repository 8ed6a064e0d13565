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
}
