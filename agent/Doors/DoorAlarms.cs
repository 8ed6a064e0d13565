namespace Cybercantal.Edge.Agent.Doors;

/// <summary>The alarms currently raised on a door.</summary>
[Flags]
public enum DoorAlarms
{
    None = 0,

    /// <summary>Opened with no grant, no exit request and no scheduled or emergency unlock.</summary>
    ForcedOpen = 1,

    /// <summary>Open longer than the held-open pre-alarm time.</summary>
    HeldOpenPreAlarm = 2,

    /// <summary>Open longer than the held-open alarm time.</summary>
    HeldOpen = 4,

    /// <summary>The last write to the strike relay failed; the real lock state is not known.</summary>
    HardwareFault = 8,
}
