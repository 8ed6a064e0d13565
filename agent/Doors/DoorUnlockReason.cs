namespace Cybercantal.Edge.Agent.Doors;

/// <summary>Why a door's strike is released; <see cref="None"/> means it is locked.</summary>
public enum DoorUnlockReason
{
    None,

    /// <summary>A badge grant: unlocked for the strike time, relocked early once the door opened and closed.</summary>
    Grant,

    /// <summary>The request-to-exit button: unlocked for egress, even during lockdown.</summary>
    Exit,

    /// <summary>Inside the door's scheduled-unlock hours (free passage).</summary>
    Schedule,

    /// <summary>Fire-alarm release of a fail-safe door; wins over everything.</summary>
    Emergency,
}
