namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// The <c>Detail</c> strings the door area writes to the journal. Constants, so journaling a state change
/// allocates nothing, and stable: the hub and reports match on them.
/// </summary>
public static class DoorJournalDetails
{
    public const string Locked = "locked";
    public const string UnlockedGrant = "unlocked:grant";
    public const string UnlockedExit = "unlocked:exit";
    public const string UnlockedSchedule = "unlocked:schedule";
    public const string UnlockedEmergency = "unlocked:emergency";
    public const string Open = "open";
    public const string Closed = "closed";
    public const string ForcedOpen = "forced-open";
    public const string HeldOpenPreAlarm = "held-open-prealarm";
    public const string HeldOpen = "held-open";
    public const string ExitRequest = "exit-request";
    public const string ScheduleActive = "active";
    public const string ScheduleInactive = "inactive";
    public const string EmergencyActive = "active";
    public const string EmergencyCleared = "cleared";
    public const string LockdownOn = "on";
    public const string LockdownOff = "off";
    public const string FaultStrikeWrite = "fault:strike-write";
    public const string FaultStrikeWriteRecovered = "recovered:strike-write";
    public const string FaultInputRead = "fault:input-read";
    public const string FaultPinRelease = "fault:pin-release";

    /// <summary>The detail of a DoorStateChanged entry for a strike state.</summary>
    public static string ForReason(DoorUnlockReason reason) => reason switch
    {
        DoorUnlockReason.Grant => UnlockedGrant,
        DoorUnlockReason.Exit => UnlockedExit,
        DoorUnlockReason.Schedule => UnlockedSchedule,
        DoorUnlockReason.Emergency => UnlockedEmergency,
        _ => Locked,
    };
}
