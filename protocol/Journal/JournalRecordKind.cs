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
}
