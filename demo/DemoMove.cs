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
}
