namespace Cybercantal.Edge.Agent.Doors;

/// <summary>What the door-position sensor says, once debounced.</summary>
public enum DoorPosition
{
    /// <summary>The door has no position sensor, or it has not been read yet.</summary>
    Unknown,
    Closed,
    Open,
}
