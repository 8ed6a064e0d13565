namespace Cybercantal.Edge.Agent.Access;

/// <summary>Why a badge was refused. Values are journaled: never renumber, only append.</summary>
public enum DenyReason : byte
{
    None = 0,
    UnknownBadge = 1,
    BadgeRevoked = 2,
    BadgeLost = 3,
    MemberSuspended = 4,
    MemberExpired = 5,
    MemberNotYetValid = 6,
    OutOfHours = 7,
    ClosureDay = 8,
    NoRightForZone = 9,
    NoBookingNow = 10,
    OutsideRightSchedule = 11,
    Lockdown = 12,
    UnknownReader = 13,
    CredentialKindNotAccepted = 14,

    /// <summary>The member's booking of this room was released: no check-in 10 minutes after its start (no-show).</summary>
    BookingReleased = 15,
}
