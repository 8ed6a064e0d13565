namespace Cybercantal.Edge.Agent.Doors;

/// <summary>
/// The state of one door at an instant, for the console and kiosk. A value type so that publishing it on
/// every state change allocates nothing.
/// </summary>
/// <param name="Reason">Why the strike is released; <see cref="DoorUnlockReason.None"/> when locked.</param>
/// <param name="At">When the snapshot was taken.</param>
public readonly record struct DoorSnapshot(
    string DoorId,
    DoorUnlockReason Reason,
    DoorPosition Position,
    DoorAlarms Alarms,
    bool Lockdown,
    bool Emergency,
    bool ScheduleActive,
    DateTimeOffset At)
{
    public bool IsLocked => Reason == DoorUnlockReason.None;
}
