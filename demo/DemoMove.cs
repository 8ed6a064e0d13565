namespace Cybercantal.Edge.Demo;

/// <summary>One thing a person (or an intruder) does at the centre's doors.</summary>
public enum DemoMove
{
    /// <summary>Badges at the entrance and walks in.</summary>
    Arrive,

    /// <summary>Goes from the entrance hall into the open space (badge unless the door is on its unlock schedule).</summary>
    ToOpenSpace,

    /// <summary>Badges into the private office their company rents.</summary>
    ToOffice,

    /// <summary>Leaves the building: exit buttons of the open space and the entrance.</summary>
    GoOut,

    /// <summary>Goes from the open space to a booked room (visio or meeting) and badges in.</summary>
    ToBookedRoom,

    /// <summary>A former member tries the entrance with an old badge: refused.</summary>
    ExpiredAttempt,

    /// <summary>The open-space door is pushed open while locked, no badge: forced-open alarm.</summary>
    ForceDoor,

    /// <summary>Taps the room's reader again on leaving the booked room: the room use ends (badge-out).</summary>
    LeaveRoom,

    /// <summary>Logs on to their PC (the PC's session hook calls the agent's PC session endpoint).</summary>
    LogOn,

    /// <summary>Logs off their PC (session ended by logout).</summary>
    LogOff,

    /// <summary>The PC freezes: it stops answering the agent's liveness probes (session ends as pc-unreachable).</summary>
    PcFreezes,

    /// <summary>The frozen PC is restarted and answers again.</summary>
    PcRestarts,

    /// <summary>Taps the copier's reader, prints some pages once the copier is enabled, taps out (badge-out).</summary>
    Print,
}
